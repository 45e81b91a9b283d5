/** Password length bounds: enforced by the server, shown (and pre-checked) by the admin forms. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

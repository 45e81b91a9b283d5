/**
 * What `/api/admin/sign-in-throttle` answers: accounts and client addresses that sign-in
 * throttling currently holds back, for the admin page.
 */
export interface SignInThrottleOverview {
  /** Accounts with an address locked out of them, or in backoff (by e-mail; unknown e-mails too). */
  accounts: Array<{
    email: string;
    /** Failures on the account in the last 24 h, every address. */
    failures: number;
    throttledUntil: string | null;
    /** Client addresses at their limit on this account (the user's own, or a guesser's). */
    heldBackAddresses: string[];
  }>;
  /** Client addresses at their own limit of failures, every account together. */
  addresses: Array<{ ip: string; failures: number; throttledUntil: string }>;
}

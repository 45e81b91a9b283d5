import 'server-only';
import { hostname } from 'node:os';

/**
 * Which process this is among the instances sharing one database: its host name and process
 * id, the same two fields every log line carries, so an admin can go from "who ran the last
 * index sync" to that instance's logs. It names no address, key or credential.
 */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

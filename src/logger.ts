import { type DestinationStream, type Logger, pino } from "pino";

/** The process's logger: JSON lines on stdout, or on `destination` (a drill that reads its in-process API's log). */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const options = { level, name, base: { pid: process.pid, role: name } };
  return destination ? pino(options, destination) : pino(options);
}

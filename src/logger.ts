import { type Logger, pino } from "pino";

export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { pid: process.pid, role: name } });
}

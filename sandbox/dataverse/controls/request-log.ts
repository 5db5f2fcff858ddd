/** The log of Web API requests served (`GET /_sandbox/requests`), for tests and benchmarks that count round trips. */
export interface RequestLogEntry {
  method: string;
  /** Path and query, e.g. /api/data/v9.2/opportunities?$select=name */
  url: string;
  callerObjectId: string | null;
  status: number;
  at: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

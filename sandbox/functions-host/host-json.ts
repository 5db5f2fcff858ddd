/**
 * The Function App's host.json, as the runtime reads it: the settings of the queue trigger
 * (`extensions.queues`). Only what the dev host honours: `maxPollingInterval`, a TimeSpan
 * ("hh:mm:ss[.fff]"), default one minute, at least 100 ms (the runtime refuses to start below it).
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOST_JSON = join(__dirname, '..', '..', 'functions', 'host.json');

const DEFAULT_MAX_POLLING_INTERVAL_MS = 60_000;
const MIN_POLLING_INTERVAL_MS = 100;

interface QueueSettings {
  maxPollingIntervalMs: number;
}

/** "00:00:02" or "00:00:00.500" (or "1.00:00:00" with days) in milliseconds. */
export function timeSpanMs(value: string): number {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(value.trim());
  if (!m) throw new Error(`host.json: "${value}" is not a TimeSpan (hh:mm:ss[.fff])`);
  const [, days = '0', h, min, s, frac = '0'] = m;
  return ((Number(days) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

export function queueSettings(hostJson: unknown): QueueSettings {
  const queues = (hostJson as { extensions?: { queues?: { maxPollingInterval?: unknown } } })?.extensions?.queues;
  const raw = queues?.maxPollingInterval;
  if (raw === undefined) return { maxPollingIntervalMs: DEFAULT_MAX_POLLING_INTERVAL_MS };
  if (typeof raw !== 'string') throw new Error('host.json: extensions.queues.maxPollingInterval must be a TimeSpan string such as "00:00:02"');
  const ms = timeSpanMs(raw);
  if (ms < MIN_POLLING_INTERVAL_MS) throw new Error(`host.json: extensions.queues.maxPollingInterval ${raw} is below the minimum of 00:00:00.100`);
  return { maxPollingIntervalMs: ms };
}

export function readQueueSettings(path = HOST_JSON): QueueSettings {
  return queueSettings(JSON.parse(readFileSync(path, 'utf8')) as unknown);
}

/**
 * The connector's check as the admin pauses typing (webresources/pages/admin/mapping/debounced-check.ts):
 * one call per pause, none for text that does not parse, and an older answer that arrives after a
 * newer change is dropped. Calls are counted where they happen (the fake connector).
 */
import { debouncedCheck } from '../../../../webresources/pages/admin/mapping/debounced-check';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setUp(answerAfterMs: (text: string) => number) {
  const sent: string[] = [];
  const applied: string[] = [];
  const check = debouncedCheck<string>({
    delayMs: 500,
    run: (text) => {
      sent.push(text);
      return new Promise((resolve) => setTimeout(() => resolve(`answer to ${text}`), answerAfterMs(text)));
    },
    apply: (answer) => applied.push(answer),
    fail: () => undefined,
  });
  return { check, sent, applied };
}

test('typing sends nothing; the pause after the last keystroke sends the text once', async () => {
  const { check, sent, applied } = setUp(() => 10);
  for (const text of ['{', '{"', '{"a', '{"a"}']) {
    check.changed(text, true);
    await jest.advanceTimersByTimeAsync(200);
  }
  expect(sent).toEqual([]);
  await jest.advanceTimersByTimeAsync(500);
  expect(sent).toEqual(['{"a"}']);
  expect(applied).toEqual(['answer to {"a"}']);
});

test('text that does not parse is not sent, and cancels the pending check', async () => {
  const { check, sent } = setUp(() => 10);
  check.changed('{}', true);
  await jest.advanceTimersByTimeAsync(300);
  check.changed('{', false);
  await jest.advanceTimersByTimeAsync(2000);
  expect(sent).toEqual([]);
});

test('a slow answer to older text is dropped when the text changed meanwhile', async () => {
  const { check, sent, applied } = setUp((text) => (text === 'old' ? 3000 : 10));
  check.changed('old', true);
  await jest.advanceTimersByTimeAsync(600); // "old" sent, its answer takes 3 s
  check.changed('new', true);
  await jest.advanceTimersByTimeAsync(600); // "new" sent and answered
  await jest.advanceTimersByTimeAsync(3000); // "old"'s answer arrives last
  expect(sent).toEqual(['old', 'new']);
  expect(applied).toEqual(['answer to new']);
});

test('nothing is applied after the editor is gone', async () => {
  const { check, applied } = setUp(() => 100);
  check.changed('{}', true);
  await jest.advanceTimersByTimeAsync(550);
  check.dispose();
  await jest.advanceTimersByTimeAsync(500);
  expect(applied).toEqual([]);
});

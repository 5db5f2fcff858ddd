/** Bodies beyond the instance's budget wait their turn, in order; one that waits too long is 503 (body-budget.ts). */
import { BodyBudget } from '../../../functions/src/handlers/http/body-budget';
import { UnavailableError } from '../../../functions/src/services/errors';

describe('BodyBudget', () => {
  it('lets bodies within the budget through at once and holds the next until room is released', async () => {
    const budget = new BodyBudget(100, 60_000);
    const a = await budget.acquire(60);
    const b = await budget.acquire(40);
    let third = false;
    const c = budget.acquire(50).then((release) => ((third = true), release));
    await Promise.resolve();
    expect(third).toBe(false);
    a();
    (await c)();
    expect(third).toBe(true);
    b();
  });

  it('answers 503 with Retry-After to a body that waits longer than allowed, and forgets it', async () => {
    jest.useFakeTimers();
    try {
      const budget = new BodyBudget(10, 1_000);
      const held = await budget.acquire(10);
      const waiting = budget.acquire(5);
      jest.advanceTimersByTime(1_000);
      await expect(waiting).rejects.toBeInstanceOf(UnavailableError);
      held();
      // The room is whole again: the refused one took none of it.
      (await budget.acquire(10))();
    } finally {
      jest.useRealTimers();
    }
  });
});

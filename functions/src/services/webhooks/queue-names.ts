/**
 * The Azure Storage queue between the webhook receiver and the status processor. Named here, beside
 * the use cases that share it, because both the queue function's registration (handlers) and the
 * storage adapter must use the same name.
 */
export const WEBHOOK_QUEUE_NAME = 'clm-webhook-events';
/** Where the Functions runtime moves a message after its fifth failed attempt (`<queue>-poison`). */
export const WEBHOOK_POISON_QUEUE_NAME = `${WEBHOOK_QUEUE_NAME}-poison`;

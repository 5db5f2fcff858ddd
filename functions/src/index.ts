/** Registers every function of the app with the Functions runtime; nothing else happens at import time. */
import { app } from '@azure/functions';
import { createApp } from './app/composition-root';
import { lazy } from './app/lazy';
import { loadConfig } from './config';
import { hostSetup } from './host-setup';
import { appFunctions } from './routes';

// Before any function is registered: the runtime reads it when the worker starts.
app.setup(hostSetup);

// Built on the first invocation: a missing setting then fails that call with a message naming it.
const functions = appFunctions(lazy(() => createApp(loadConfig(process.env))));

for (const r of functions.http) {
  app.http(r.name, { methods: r.methods, route: r.route, authLevel: 'anonymous', handler: r.handler });
}
for (const t of functions.timers) {
  app.timer(t.name, { schedule: t.schedule, handler: t.handler });
}
for (const q of functions.queues) {
  app.storageQueue(q.name, { queueName: q.queueName, connection: 'AzureWebJobsStorage', handler: q.handler });
}

/** Registers every function of the app with the Functions runtime; nothing else happens at import time. */
import { app } from '@azure/functions';
import { httpRoutes, queueJobs, timerJobs } from './routes';

for (const r of httpRoutes) {
  app.http(r.name, { methods: r.methods, route: r.route, authLevel: 'anonymous', handler: r.handler });
}
for (const t of timerJobs) {
  app.timer(t.name, { schedule: t.schedule, handler: t.handler });
}
for (const q of queueJobs) {
  app.storageQueue(q.name, { queueName: q.queueName, connection: 'AzureWebJobsStorage', handler: q.handler });
}

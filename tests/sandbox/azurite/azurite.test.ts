import { TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAzurite, type AzuriteSandbox } from '../../../sandbox/azurite';

/** The Azure Storage SDKs the connector uses, pointed at the sandbox's Azurite by connection string. */
let storage: AzuriteSandbox;
beforeAll(async () => {
  storage = await startAzurite();
});
afterAll(() => storage?.close());

describe('Azurite in the sandbox', () => {
  it('listens on loopback only and names all three endpoints in the connection string', () => {
    for (const endpoint of [storage.blobEndpoint, storage.queueEndpoint, storage.tableEndpoint]) {
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
      expect(storage.connectionString).toContain(endpoint);
    }
    expect(storage.connectionString).toContain('AccountName=devstoreaccount1');
  });

  it('stores and reads back a blob, and guards writes with ETags', async () => {
    const container = BlobServiceClient.fromConnectionString(storage.connectionString).getContainerClient('tokens');
    await container.createIfNotExists();
    const blob = container.getBlockBlobClient('clm.json');
    const first = await blob.upload('{"v":1}', 7);
    const read = await blob.downloadToBuffer();
    expect(read.toString()).toBe('{"v":1}');
    await blob.upload('{"v":2}', 7, { conditions: { ifMatch: first.etag } });
    // The first ETag is stale now: a second writer with it must lose (412).
    await expect(blob.upload('{"v":3}', 7, { conditions: { ifMatch: first.etag } })).rejects.toMatchObject({ statusCode: 412 });
  });

  it('sends, receives and deletes a queue message', async () => {
    const queue = QueueServiceClient.fromConnectionString(storage.connectionString).getQueueClient('webhook-events');
    await queue.createIfNotExists();
    await queue.sendMessage(Buffer.from('{"id":"evt_1"}').toString('base64'));
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 1 });
    expect(receivedMessageItems).toHaveLength(1);
    const [msg] = receivedMessageItems;
    expect(Buffer.from(msg.messageText, 'base64').toString()).toBe('{"id":"evt_1"}');
    await queue.deleteMessage(msg.messageId, msg.popReceipt);
    const again = await queue.receiveMessages({ numberOfMessages: 1 });
    expect(again.receivedMessageItems).toHaveLength(0);
  });

  it('inserts a table entity once and refuses a duplicate (insert-if-absent)', async () => {
    const table = TableClient.fromConnectionString(storage.connectionString, 'processedEvents', { allowInsecureConnection: true });
    await table.createTable();
    await table.createEntity({ partitionKey: 'clm', rowKey: 'evt_1', status: 'applied' });
    await expect(table.createEntity({ partitionKey: 'clm', rowKey: 'evt_1', status: 'again' })).rejects.toMatchObject({ statusCode: 409 });
    const entity = await table.getEntity<{ status: string }>('clm', 'evt_1');
    expect(entity.status).toBe('applied');
  });
});

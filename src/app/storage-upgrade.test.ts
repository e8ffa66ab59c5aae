// Storage upgrades, on real IndexedDB: the databases an earlier version of the app wrote
// (tests/fixtures/idb-v1.json, made by scripts/make-idb-fixture.ts) are rebuilt exactly, then opened by
// today's stores, which run whatever schema upgrade they have: every photo, box, model and setting must
// read back equal. An upgrade that fails halfway must leave the old data as it was, and the stores must
// report a database they cannot open in the user's language instead of deleting it.
import { expect } from '@esm-bundle/chai';
import {
  type DatabaseSnapshot,
  dumpDatabase,
  encodeValue,
  restoreDatabase,
  type StorageSnapshot,
} from '../../tests/support/idb-snapshot.ts';
import { contributorSetting } from '../dataset/contributor.ts';
import { datasetSettings } from '../dataset/dataset-settings.ts';
import { DatasetStore } from '../dataset/dataset-store.ts';
import { loadMnistModel } from '../features/mnist/mnist-store.ts';
import { activeModel, ModelStore } from '../model/model-store.ts';
import { backendPreference } from '../shared/backend/backend-preference.ts';
import { describeError } from '../shared/errors.ts';
import { ProblemError } from '../shared/problem.ts';

let fixture: StorageSnapshot;

const recordsOf = (name: string, store: string) =>
  fixture.databases.find((db) => db.name === name)?.stores.find((s) => s.name === store)?.records ?? [];

/**
 * Each database the app has, read through its own store code, as JSON comparable with the fixture. A
 * database in the fixture without a reader here fails the test: a new store needs its line.
 */
const readers: Record<string, () => Promise<unknown>> = {
  'tama-lab-dataset': async () => {
    const store = new DatasetStore('tama-lab-dataset');
    try {
      return await encodeValue(await store.list());
    } finally {
      await store.close().catch(() => {});
    }
  },
  'tama-lab-models': async () => {
    const store = new ModelStore('tama-lab-models');
    try {
      const metas = await store.list();
      const models = await Promise.all(metas.map(async (meta) => store.get(meta.id)));
      // The store hands out weights as a Float32Array over the stored bytes.
      return models.map((model) => ({
        meta: model?.meta,
        weights: btoa(String.fromCharCode(...new Uint8Array(model?.weights.buffer ?? new ArrayBuffer(0)))),
      }));
    } finally {
      await store.close().catch(() => {});
    }
  },
  'tama-lab-mnist': async () => encodeValue(await loadMnistModel()),
};

/** What each reader must return: the fixture's records in the shape the store hands them out. */
function expected(name: string): unknown {
  switch (name) {
    case 'tama-lab-dataset':
      return recordsOf(name, 'images')
        .map((record) => record.value as { createdAt: number })
        .sort((a, b) => a.createdAt - b.createdAt);
    case 'tama-lab-models':
      return recordsOf(name, 'models')
        .map((record) => record.value as { meta: { createdAt: number }; weights: { base64: string } })
        .sort((a, b) => b.meta.createdAt - a.meta.createdAt)
        .map(({ meta, weights }) => ({ meta, weights: weights.base64 }));
    case 'tama-lab-mnist':
      return recordsOf(name, 'models').find((record) => record.key === 'latest')?.value;
    default:
      throw new Error(`no reader for ${name}`);
  }
}

async function deleteAll() {
  for (const { name } of fixture.databases) {
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(`${name} is still open somewhere`));
    });
  }
  for (const key of Object.keys(fixture.localStorage)) localStorage.removeItem(key);
}

/** The old data is all there, record for record, in the stores it was written to. */
async function expectFixtureKept(snapshot: DatabaseSnapshot, version: number) {
  const now = await dumpDatabase(snapshot.name);
  expect(now?.version, `${snapshot.name} version`).to.equal(version);
  for (const store of snapshot.stores) {
    const kept = now?.stores.find((s) => s.name === store.name);
    expect(kept, `${snapshot.name}/${store.name}`).to.deep.equal(store);
  }
}

describe('storage upgrades: data written by an earlier version', () => {
  before(async () => {
    fixture = await (await fetch(new URL('../../tests/fixtures/idb-v1.json', import.meta.url))).json();
    expect(fixture.databases.map((db) => db.name)).to.have.members(Object.keys(readers));
  });
  beforeEach(deleteAll);
  after(deleteAll);

  it("opens with today's stores (running their upgrades) and reads every record and setting back equal", async () => {
    for (const snapshot of fixture.databases) await restoreDatabase(snapshot);
    for (const [key, value] of Object.entries(fixture.localStorage)) localStorage.setItem(key, value);

    for (const snapshot of fixture.databases) {
      expect(await readers[snapshot.name]?.(), snapshot.name).to.deep.equal(expected(snapshot.name));
      // Whatever today's upgrade added, the old stores and records are still as they were.
      const now = await dumpDatabase(snapshot.name);
      expect(now?.version).to.be.at.least(snapshot.version);
      for (const store of snapshot.stores) expect(now?.stores.find((s) => s.name === store.name)).to.deep.equal(store);
    }
    expect(datasetSettings.get()).to.deep.equal(JSON.parse(fixture.localStorage[datasetSettings.key] ?? ''));
    expect(activeModel.get()).to.equal('fixture-model-1');
    expect(backendPreference.get()).to.equal('wasm');
    expect(contributorSetting.get()).to.equal('Aiko');
  });

  it('an upgrade that fails halfway loses nothing: the old version, stores and records stay', async () => {
    for (const snapshot of fixture.databases) {
      await restoreDatabase(snapshot);
      // The next version's upgrade deletes every record and adds a store, then fails. (abort() rather
      // than a throw: a throw in the handler does the same to the database, and is also reported to
      // the page as an uncaught error, which would fail this test for the wrong reason.)
      const failed = await new Promise<string>((resolve) => {
        const request = indexedDB.open(snapshot.name, snapshot.version + 1);
        request.onupgradeneeded = () => {
          const upgrade = request.transaction as IDBTransaction;
          for (const store of snapshot.stores) upgrade.objectStore(store.name).clear();
          request.result.createObjectStore('half-done');
          upgrade.abort();
        };
        request.onsuccess = () => {
          request.result.close();
          resolve('opened');
        };
        request.onerror = () => resolve(request.error?.name ?? 'error');
      });
      expect(failed, snapshot.name).to.equal('AbortError');
      await expectFixtureKept(snapshot, snapshot.version);
      expect(await readers[snapshot.name]?.(), snapshot.name).to.deep.equal(expected(snapshot.name));
    }
  });

  it('a database the stores cannot open is reported in words and left as it is, never deleted', async () => {
    for (const snapshot of fixture.databases) {
      // Written by a newer version of the app (say, after going back to an older deployment).
      const newer = snapshot.version + 100;
      await restoreDatabase(snapshot, newer);
      const error = await readers[snapshot.name]?.().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, snapshot.name).to.be.instanceOf(ProblemError);
      expect((error as ProblemError).problem.code).to.equal('storage.newerVersion');
      expect(describeError('dataset', error)).to.equal(
        'Dataset error: The photos and models on this device were saved by a newer version of the app. Nothing was deleted: reload to update the app.',
      );
      await expectFixtureKept(snapshot, newer);
    }
  });

  it("an open tab gives way to a newer version's upgrade instead of holding it for ever", async () => {
    for (const open of [() => new DatasetStore('tama-lab-dataset'), () => new ModelStore('tama-lab-models')]) {
      const store = open();
      await store.list();
      const name = store instanceof DatasetStore ? 'tama-lab-dataset' : 'tama-lab-models';
      const version = (await dumpDatabase(name))?.version ?? 0;
      const outcome = await new Promise<string>((resolve) => {
        const request = indexedDB.open(name, version + 1);
        // 'blocked' may still fire while this tab's last transaction winds down; what matters is that
        // the upgrade goes through instead of waiting until the user closes the old tab.
        setTimeout(() => resolve('still blocked after 3 s'), 3000);
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
        request.onerror = () => resolve(request.error?.name ?? 'error');
      });
      expect(outcome, name).to.equal('upgraded');
    }
  });
});

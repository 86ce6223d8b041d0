import { createHash } from 'node:crypto';
import type { Db } from '#platform/db/client.js';
import { ValidationError } from '#shared/errors.js';
import { parseCybertip, type CybertipDocument } from './formats/cybertip-xml.js';
import { XML_LIMITS } from './formats/xml-safety.js';
import { guardInput } from './input/guard.js';
import type { ImportSummary } from './intake.schema.js';
import type { ImportInput } from './intake.service.js';
import { matchesOf, type P2pDeps } from './p2p-import.js';

/**
 * Imports one CyberTipline `<report>` or `<fileDetails>` document in one transaction: the document,
 * its IP capture events (attributed) and file hashes (matched). A bad document is quarantined whole.
 */
export async function importCybertip(
  deps: P2pDeps & { db: Db },
  input: ImportInput,
): Promise<ImportSummary> {
  const bytes = await readCapped(input);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError(`${input.fileName}: not UTF-8`, [
      { path: input.fileName, reason: 'invalid UTF-8' },
    ]);
  }
  // The read, the decoding and the parse of up to 5 MB are each linear but together a few hundred
  // milliseconds: other requests (health checks among them) are served in between.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const parsed = parseCybertip(xml, deps.clock.now());
  if (!parsed.ok && input.strict) {
    throw new ValidationError(`${input.fileName}: ${parsed.path}: ${parsed.reason}`, [
      { path: `${input.fileName}${parsed.path}`, reason: parsed.reason },
    ]);
  }
  const id = createHash('sha256').update(bytes).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    const journal = await deps.repository.createJournal(trx, {
      fileSha256: input.sourceSha256,
      fileName: input.fileName,
      format: 'cybertip',
      ownerOrganisationId: input.owner?.organisationId ?? null,
      createdBy: input.owner?.userId ?? null,
    });
    const counts = { rowsDone: 1, accepted: 0, duplicates: 0, rejected: 0, matched: 0 };
    if (!parsed.ok) {
      counts.rejected = 1;
      await deps.repository.insertQuarantine(trx, [
        {
          importId: journal.id,
          fileSha256: input.sourceSha256,
          fileName: input.fileName,
          format: 'cybertip',
          line: 1,
          field: parsed.path,
          reason: parsed.reason,
          raw: xml,
          header: null,
        },
      ]);
      input.onRejected?.({
        file: input.fileName,
        line: 1,
        field: parsed.path,
        reason: parsed.reason,
        raw: xml,
      });
    } else if (await storeDocument(deps, trx, id, parsed.value, journal.id, input.fileName)) {
      counts.accepted = 1;
      counts.matched = parsed.value.hashes.some((h) =>
        matchesOf(deps.matcher, h).some((m) => m.kind === 'known'),
      )
        ? 1
        : 0;
    } else {
      counts.duplicates = 1;
    }
    await deps.repository.updateJournal(trx, journal.id, counts, deps.clock.now());
    const { rowsDone: _rows, ...rest } = counts;
    const summary = {
      importId: journal.id,
      file: input.fileName,
      format: 'cybertip' as const,
      ...rest,
      resumed: false,
    };
    if (input.finalize) await input.finalize(trx, summary);
    return summary;
  });
}

async function storeDocument(
  deps: P2pDeps,
  trx: Db,
  id: string,
  doc: CybertipDocument,
  importId: string,
  sourceFile: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('cybertipDocument')
    .values({
      id,
      kind: doc.kind,
      reportId: doc.reportId,
      incidentType: doc.incidentType,
      incidentAt: doc.incidentAt,
      content: JSON.stringify(doc.content),
      importId,
      sourceFile,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  const fallback = doc.incidentAt ?? deps.clock.now();
  const attributor = await deps.attribution.forBatch(
    trx,
    doc.ipEvents.map((e) => e.ip),
  );
  if (doc.ipEvents.length > 0) {
    await trx
      .insertInto('cybertipIpEvent')
      .values(
        doc.ipEvents.map((e, ordinal) => {
          const { flags, ...a } = attributor.attribute(e.ip, e.at ?? fallback, e.port);
          return {
            documentId: id,
            ordinal,
            subject: e.subject,
            ip: e.ip,
            port: e.port,
            eventName: e.eventName,
            eventAt: e.at,
            eventOffset: e.offset,
            possibleProxy: e.possibleProxy,
            ...a,
            ipFlags: flags,
          };
        }),
      )
      .execute();
  }
  if (doc.hashes.length > 0) {
    await trx
      .insertInto('cybertipFileHash')
      .values(
        doc.hashes.map((h) => ({
          documentId: id,
          ...h,
          matchedKnown: matchesOf(deps.matcher, h).some((m) => m.kind === 'known'),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await deps.repository.insertCybertipMatches(
      trx,
      doc.hashes.flatMap((h) =>
        matchesOf(deps.matcher, h).map((match) => ({ documentId: id, ...h, match })),
      ),
      deps.clock.now(),
    );
  }
  return true;
}

async function readCapped(input: ImportInput): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of guardInput(input.open(), input.fileName) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > XML_LIMITS.maxBytes) {
      throw new ValidationError(`${input.fileName}: XML larger than ${XML_LIMITS.maxBytes} bytes`, [
        { path: input.fileName, reason: 'too large' },
      ]);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

import type { LeadPackage, PackageSeal } from '#core/investigations/lead-package.js';

/**
 * Renders a lead package (already built, access-checked and audited by the core) as a text-only
 * PDF for a warrant application or a referral outside Vigil. Hash-only: there is nothing to render
 * but text. `compress: false` keeps the text greppable for the tests; the file stays small.
 * pdfkit is loaded on first use, so that no other command or server start pays for it. A section
 * outside the package's field scope is listed as not disclosed; a package as sent (`seal`) shows
 * the SHA-256 of its JSON text, for the receiving agency to check.
 */
export async function renderLeadPackagePdf(
  pkg: LeadPackage,
  seal?: PackageSeal,
): Promise<Uint8Array> {
  const { default: PdfKitDocument } = await import('pdfkit');
  const doc = new PdfKitDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: { Title: `Lead package ${pkg.case.reference}`, Creator: 'Vigil', Producer: 'Vigil' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(9);
  const line = (text: string) => doc.text(text);

  doc.font('Helvetica-Bold').fontSize(16).text(`Lead package ${pkg.case.reference}`);
  doc.font('Helvetica').fontSize(9);
  line(`${pkg.case.title} | state ${pkg.case.state} | received ${pkg.case.receivedAt}`);
  line(`Generated ${pkg.generatedAt} (${pkg.format})`);
  if (seal) {
    line(`As sent on ${seal.sentAt} (frozen ${seal.frozenAt})`);
    line(`SHA-256 of the package JSON: ${seal.sha256}`);
  }
  line(`Field scope: ${pkg.fieldScope.join(', ')}`);
  doc.moveDown(0.3).font('Helvetica-Oblique').text(pkg.notice).font('Helvetica');
  const notDisclosed = () => line('(not disclosed: outside the field scope)');

  heading('Subjects');
  if (!pkg.subjects) notDisclosed();
  for (const s of pkg.subjects ?? []) {
    line(
      `${s.subjectKey}  agency ${s.agencyCode ?? '-'}  observations ${s.observationCount}  tip persons ${s.tipPersonCount}  ${s.firstSeen ?? '-'} .. ${s.lastSeen ?? '-'}`,
    );
    if (s.score) {
      line(
        `   score ${s.score.score}/${s.score.maxScore} (an assessment, rule set v${s.score.ruleSetVersion}); attribution ${s.score.attribution.level} ${s.score.attribution.confidence} ${s.score.attribution.flags.join(', ')}`,
      );
    }
  }
  if (pkg.subjects?.length === 0) line('(opened from a CyberTip report)');

  heading('Legal authorities');
  if (!pkg.legalAuthorities) notDisclosed();
  for (const a of pkg.legalAuthorities ?? []) {
    line(
      `${a.typeCode} ${a.number}, ${a.court}, issued ${a.issuedAt}, expires ${a.expiresAt ?? '-'}${a.supersedesId ? `, supersedes ${a.supersedesId}` : ''}`,
    );
    line(`   document SHA-256 ${a.documentSha256}`);
    for (const e of a.scope) line(`   scope ${e.ipRange} from ${e.startsAt} to ${e.endsAt}`);
  }

  heading('Subscriber identities');
  if (!pkg.identities) notDisclosed();
  for (const i of pkg.identities ?? []) {
    line(
      `${i.ip}${i.port === null ? '' : `:${i.port}`} at ${i.observedAt} (authority ${i.authorityId}): ${i.name}`,
    );
    if ('installationAddress' in i) {
      line(
        `   installation ${i.installationAddress ?? '-'}; billing ${i.billingAddress ?? '-'}; contact ${i.contact ?? '-'}`,
      );
    }
  }

  heading('Evidence references');
  if (!pkg.evidence) notDisclosed();
  for (const e of pkg.evidence ?? []) {
    line(`${e.description}  SHA-256 ${e.sha256}  custody ${e.custodyRef ?? '-'}`);
  }

  heading('Warrants');
  if (!pkg.warrants) notDisclosed();
  for (const w of pkg.warrants ?? []) {
    line(
      `${w.typeCode} sought ${w.soughtAt}, issued ${w.issuedAt ?? '-'}, executed ${w.executedAt ?? '-'}, ${w.result ?? 'pending'}${w.readinessOverride ? ` (readiness override: ${w.readinessOverride})` : ''}`,
    );
  }

  if (pkg.readiness) {
    heading(`Warrant readiness: ${pkg.readiness.isComplete ? 'complete' : 'incomplete'}`);
    for (const item of pkg.readiness.items) {
      line(`[${item.isMet ? 'x' : ' '}] ${item.id}: ${item.detail}`);
    }
  } else {
    heading('Warrant readiness');
    notDisclosed();
  }

  heading('Workflow');
  if (!pkg.events) notDisclosed();
  for (const e of pkg.events ?? []) {
    line(
      `${e.at}  ${e.fromState ?? '-'} -> ${e.toState}${e.disposition ? ` (${e.disposition})` : ''}`,
    );
  }

  if (pkg.notes) {
    heading('Notes');
    for (const n of pkg.notes) line(`${n.createdAt}  ${n.text}`);
  }
  doc.end();
  return done;
}

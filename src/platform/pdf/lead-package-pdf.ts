import type { LeadPackage, PackageSeal, PackageView } from '#core/investigations/lead-package.js';
import {
  countedLines,
  formatDay,
  formatInstant,
  labelOf,
  plural,
} from '#core/investigations/package-wording.js';

const inUtc = (iso: string | null | undefined) => formatInstant(iso, 'UTC');

type Matched = { ruleId: string; points: number; reason: string };

/** The score's reasons as the scoring stored them (an unknown shape gives none). */
function reasonsOf(explanation: unknown): Matched[] {
  const matched = (explanation as { matched?: unknown } | null)?.matched;
  if (!Array.isArray(matched)) return [];
  return matched
    .filter(
      (m): m is Matched =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as Matched).ruleId === 'string' &&
        typeof (m as Matched).points === 'number',
    )
    .toSorted((a, b) => b.points - a.points);
}

/**
 * Renders a lead package (already built, access-checked and audited by the core) as a text-only
 * PDF for a warrant application or a referral outside Vigil, worded for the receiving investigator:
 * times in the reader's agency's zone, labels instead of codes, the score's reasons, arrests and
 * charges (one line per offence with its count). Hash-only: there is nothing to render but text.
 * `compress: false` keeps the text greppable for the tests; the file stays small. pdfkit is loaded
 * on first use, so that no other command or server start pays for it. A section outside the
 * package's field scope is listed as not disclosed; a package as sent (`seal`) shows the SHA-256 of
 * its JSON text, for the receiving agency to check.
 */
export async function renderLeadPackagePdf(
  pkg: LeadPackage,
  seal: PackageSeal | undefined,
  view: PackageView,
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
  const at = (iso: string | null | undefined) => formatInstant(iso, view.timeZone);
  const authority = (code: string) => view.authorityLabels[code] ?? labelOf(code);
  const heading = (text: string) =>
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(text)
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10);
  const line = (text: string) => doc.text(text);
  const field = (name: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${name}: `, { continued: true }).font('Helvetica').text(value);
  const sub = (text: string) => doc.text(text, { indent: 14, indentAllLines: true });
  const none = (text: string) => doc.font('Helvetica-Oblique').text(text).font('Helvetica');
  const notDisclosed = () => none('(not disclosed: outside the field scope)');

  doc.font('Helvetica-Bold').fontSize(17).text(`Lead package ${pkg.case.reference}`);
  doc.font('Helvetica').fontSize(12).text(pkg.case.title).moveDown(0.4).fontSize(10);
  field('State', labelOf(pkg.case.state));
  field('Lead received', at(pkg.case.receivedAt));
  field('Package generated', at(pkg.generatedAt));
  if (seal) {
    field('Sent', `${at(seal.sentAt)} (frozen ${at(seal.frozenAt)})`);
    field('SHA-256 of the package JSON', seal.sha256);
  }
  field('Disclosed', pkg.fieldScope.map(labelOf).join(', '));
  field('Times', `in ${view.timeZone}, unless marked UTC`);
  doc.moveDown(0.3).font('Helvetica-Oblique').text(pkg.notice).font('Helvetica');

  heading('Subjects');
  if (!pkg.subjects) notDisclosed();
  else if (pkg.subjects.length === 0) none('Opened from a CyberTip report: no subject.');
  for (const s of pkg.subjects ?? []) {
    doc.font('Helvetica-Bold').text(`Subject ${s.subjectKey}`).font('Helvetica');
    sub(
      `${plural(s.observationCount, 'observation')} and ${plural(s.tipPersonCount, 'CyberTip person')}, seen ${formatDay(s.firstSeen)} to ${formatDay(s.lastSeen)}; agency of jurisdiction ${s.agencyCode ?? 'not assigned'}.`,
    );
    if (!s.score) {
      sub('Not scored.');
      continue;
    }
    const a = s.score.attribution;
    sub(
      `Score ${s.score.score} of ${s.score.maxScore} (an assessment under rule set ${s.score.ruleSetVersion}, not a finding). Attribution confidence ${a.level ?? 'unknown'} (${Math.round((a.confidence ?? 0) * 100)}%)${a.flags.length > 0 ? `; flags: ${a.flags.map(labelOf).join(', ')}` : ''}.`,
    );
    const reasons = reasonsOf(s.score.explanation);
    if (reasons.length > 0) sub('Why this score:');
    for (const r of reasons) {
      doc.text(`+${r.points}  ${labelOf(r.ruleId)}: ${r.reason}`, {
        indent: 28,
        indentAllLines: true,
      });
    }
  }

  heading('Legal authorities');
  if (!pkg.legalAuthorities) notDisclosed();
  else if (pkg.legalAuthorities.length === 0) none('None recorded.');
  for (const a of pkg.legalAuthorities ?? []) {
    doc
      .font('Helvetica-Bold')
      .text(`${authority(a.typeCode)} ${a.number}`)
      .font('Helvetica');
    sub(
      `${a.court}; issued ${at(a.issuedAt)}, ${a.expiresAt ? `expires ${at(a.expiresAt)}` : 'no expiry'}${a.supersedesId ? '; amends an earlier order' : ''}.`,
    );
    for (const e of a.scope) sub(`Covers ${e.ipRange} from ${at(e.startsAt)} to ${at(e.endsAt)}.`);
    sub(`Signed document SHA-256 ${a.documentSha256}`);
  }

  heading('Subscriber identities');
  if (!pkg.identities) notDisclosed();
  else if (pkg.identities.length === 0) none('None recorded.');
  for (const i of pkg.identities ?? []) {
    line(
      `${i.ip}${i.port === null ? '' : ` port ${i.port}`}, observed ${inUtc(i.observedAt)} (${at(i.observedAt)}): ${i.name}`,
    );
    if ('installationAddress' in i) {
      sub(
        `Installation ${i.installationAddress ?? '-'}; billing ${i.billingAddress ?? '-'}; contact ${i.contact ?? '-'}`,
      );
    }
  }

  heading('Warrants');
  if (!pkg.warrants) notDisclosed();
  else if (pkg.warrants.length === 0) none('None sought.');
  for (const w of pkg.warrants ?? []) {
    line(
      `${authority(w.typeCode)}: sought ${at(w.soughtAt)}; issued ${at(w.issuedAt)}; executed ${at(w.executedAt)}; result ${w.result ? labelOf(w.result).toLowerCase() : 'pending'}.`,
    );
    if (w.readinessOverride) sub(`Readiness overridden: ${w.readinessOverride}`);
  }

  heading('Arrests and charges');
  if (!pkg.outcomes) notDisclosed();
  else {
    const { arrests, charges } = pkg.outcomes;
    const accused = new Map(arrests.map((a) => [a.id, a.accusedRef]));
    if (arrests.length === 0) none('No arrest recorded.');
    for (const a of arrests) {
      line(`Arrest of ${a.accusedRef} (records-management reference), ${at(a.arrestedAt)}.`);
    }
    if (charges.length === 0) none('No charge laid.');
    const lines = countedLines(
      charges,
      (c) => `${c.offenceCode}|${c.label}|${c.laidOn}|${c.arrestId ?? ''}`,
    );
    for (const { item: c, count } of lines) {
      const arrest = c.arrestId ? accused.get(c.arrestId) : undefined;
      line(
        `${plural(count, 'count')} of ${c.section} ${c.label}, laid ${formatDay(c.laidOn)}${arrest ? ` (arrest of ${arrest})` : ''}.`,
      );
    }
  }

  heading('Evidence references');
  if (!pkg.evidence) notDisclosed();
  else if (pkg.evidence.length === 0) none('None recorded.');
  for (const e of pkg.evidence ?? []) {
    line(`${e.description}${e.custodyRef ? `, custody ${e.custodyRef}` : ''}`);
    sub(`SHA-256 ${e.sha256}`);
  }

  if (pkg.readiness) {
    heading(`Warrant readiness: ${pkg.readiness.isComplete ? 'complete' : 'incomplete'}`);
    for (const item of pkg.readiness.items) {
      line(`${item.isMet ? 'Met' : 'Not met'}: ${labelOf(item.id)} (${item.detail})`);
    }
  } else {
    heading('Warrant readiness');
    notDisclosed();
  }

  heading('Workflow');
  if (!pkg.events) notDisclosed();
  for (const e of pkg.events ?? []) {
    line(
      `${at(e.at)}: ${e.fromState ? `from ${labelOf(e.fromState).toLowerCase()} to ` : 'opened as '}${labelOf(e.toState).toLowerCase()}${e.disposition ? ` (${labelOf(e.disposition).toLowerCase()})` : ''}`,
    );
  }

  if (pkg.notes) {
    heading('Notes');
    for (const n of pkg.notes) line(`${at(n.createdAt)}: ${n.text}`);
  }
  doc.end();
  return done;
}

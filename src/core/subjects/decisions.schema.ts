import { z } from 'zod';
import { SubjectKeySchema } from './queue.schema.js';

const Reason = z.string().trim().min(3, 'state a reason (at least 3 characters)').max(2000);

/** An analyst's merge: these subjects are one installation or household. */
export const MergeSubjectsSchema = z.strictObject({
  subjects: z.array(SubjectKeySchema).min(2).max(20),
  reason: Reason,
});
export type MergeSubjects = z.infer<typeof MergeSubjectsSchema>;

/** A member of a subject: a node ref (`obs:<id>`, `tip:<doc>#<n>`) or a bare observation id. */
const MemberSchema = z.string().trim().min(1).max(300);

/**
 * An analyst's split: the members that go out of the subject, named directly, by installation
 * (client id) or by IP address; the rest stays. At least one selector must be given.
 */
export const SplitSubjectSchema = z
  .strictObject({
    members: z.array(MemberSchema).max(100_000).default([]),
    clientIds: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
    ips: z.array(z.string().trim().min(2).max(64)).max(1000).default([]),
    reason: Reason,
  })
  .refine((s) => s.members.length + s.clientIds.length + s.ips.length > 0, {
    message: 'name the members, client ids or IPs that go out',
    path: ['members'],
  });
export type SplitSubject = z.infer<typeof SplitSubjectSchema>;

/** A stored decision, as the API shows it. */
export const DecisionViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['merge', 'split']),
  subjectKeys: z.array(z.string()),
  reason: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  /** merge: the nodes kept together; split: the nodes that stay and those that go out. */
  refs: z.array(z.string()),
  sideA: z.array(z.string()),
  sideB: z.array(z.string()),
});
export type DecisionView = z.infer<typeof DecisionViewSchema>;

/** The answer to a merge or split: the decision, and the rescore that applies it. */
export const DecisionResultSchema = z.object({
  decision: DecisionViewSchema,
  rescoreJobId: z.string(),
  /** When applied at once (the CLI): the subjects now holding the decision's nodes. */
  resultingSubjects: z.array(z.string()).optional(),
});
export type DecisionResult = z.infer<typeof DecisionResultSchema>;

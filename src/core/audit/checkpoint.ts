import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '#shared/errors.js';
import { canonicalJson } from './canonical-json.js';

/** A signed statement of the log's size and head hash at a time (exported off-box). */
export const CheckpointSchema = z.strictObject({
  treeSize: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  time: z.iso.datetime(),
  keyId: z.string(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const SignedCheckpointSchema = z.strictObject({
  checkpoint: CheckpointSchema,
  signature: z.string(),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

/** A new Ed25519 key pair as PEM (private PKCS#8, public SPKI). */
export function generateSigningKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return Buffer.from(raw).toString('base64url').slice(-16);
}

/** Signs a checkpoint with an Ed25519 private key (PEM). */
export function signCheckpoint(
  privatePem: string,
  head: { treeSize: number; headHash: string; time: Date },
): SignedCheckpoint {
  const key = createPrivateKey(privatePem);
  const checkpoint: Checkpoint = {
    treeSize: head.treeSize,
    headHash: head.headHash,
    time: head.time.toISOString(),
    keyId: keyIdOf(createPublicKey(key)),
  };
  const signature = sign(null, Buffer.from(canonicalJson(checkpoint)), key).toString('base64');
  return { checkpoint, signature };
}

/** Parses a checkpoint file and checks its signature against a public (or private) key PEM. */
export function readCheckpoint(text: string, keyPem: string): Checkpoint {
  const parsed = SignedCheckpointSchema.safeParse(parseJson(text, 'Checkpoint file'));
  if (!parsed.success) throw new ValidationError('Checkpoint file does not match the schema');
  if (!signatureHolds(parsed.data, createPublicKey(keyPem))) {
    throw new ValidationError('Checkpoint signature does not verify with the given key');
  }
  return parsed.data.checkpoint;
}

/** The public half of a signing key (PEM, private or public), as SPKI PEM. */
export function publicPemOf(keyPem: string): string {
  return createPublicKey(keyPem).export({ format: 'pem', type: 'spki' }).toString();
}

/**
 * The file `vigil audit export-checkpoints` writes and GET /api/audit/checkpoints answers: signed
 * checkpoints in signing order with the public key, so that a third party can check them with
 * the public key alone (`vigil audit verify-checkpoints FILE --public-key KEY.pub`).
 */
export const CHECKPOINT_EXPORT_FORMAT = 'vigil-audit-checkpoints/1';
export const CheckpointExportSchema = z.strictObject({
  format: z.literal(CHECKPOINT_EXPORT_FORMAT),
  publicKeys: z.array(z.string()).max(100),
  checkpoints: z.array(SignedCheckpointSchema).max(1_000_000),
});
export type CheckpointExport = z.infer<typeof CheckpointExportSchema>;

export type ExportCheck = { count: number; latest: Checkpoint | null };

/**
 * Checks an export with a public key the verifier trusts (never the one the file carries): every
 * signature holds, time and tree size never go back, and one size never has two head hashes.
 * Throws ValidationError naming the first bad checkpoint.
 */
export function verifyCheckpointExport(text: string, publicPem: string): ExportCheck {
  const parsed = CheckpointExportSchema.safeParse(parseJson(text, 'Checkpoint export'));
  if (!parsed.success) throw new ValidationError('Checkpoint export does not match the schema');
  const key = createPublicKey(publicPem);
  const keyId = keyIdOf(key);
  const heads = new Map<number, string>();
  let latest: Checkpoint | null = null;
  parsed.data.checkpoints.forEach((signed, i) => {
    const c = signed.checkpoint;
    const bad = (why: string) =>
      new ValidationError(`Checkpoint ${i + 1} (size ${c.treeSize}, ${c.time}): ${why}`);
    if (c.keyId !== keyId || !signatureHolds(signed, key)) {
      throw bad('the signature does not verify with the given public key');
    }
    if (latest && (c.treeSize < latest.treeSize || c.time < latest.time)) {
      throw bad(`goes back from size ${latest.treeSize} at ${latest.time}: the log was truncated`);
    }
    const known = heads.get(c.treeSize);
    if (known !== undefined && known !== c.headHash) {
      throw bad('a second head hash for the same size: the log was rewritten');
    }
    heads.set(c.treeSize, c.headHash);
    latest = c;
  });
  return { count: parsed.data.checkpoints.length, latest };
}

function signatureHolds(signed: SignedCheckpoint, key: KeyObject): boolean {
  return verify(
    null,
    Buffer.from(canonicalJson(signed.checkpoint)),
    key,
    Buffer.from(signed.signature, 'base64'),
  );
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError(`${what} is not JSON`);
  }
}

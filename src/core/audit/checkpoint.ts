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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError('Checkpoint file is not JSON');
  }
  const parsed = SignedCheckpointSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError('Checkpoint file does not match the schema');
  const publicKey = createPublicKey(keyPem);
  const ok = verify(
    null,
    Buffer.from(canonicalJson(parsed.data.checkpoint)),
    publicKey,
    Buffer.from(parsed.data.signature, 'base64'),
  );
  if (!ok) throw new ValidationError('Checkpoint signature does not verify with the given key');
  return parsed.data.checkpoint;
}

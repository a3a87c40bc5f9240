import { randomBytes } from 'node:crypto';
import { withWriteTransaction } from '../../../db/index.js';
import { conflict, forbidden, notFound } from '../../../errors.js';
import type { Actor } from '../../../security/actor.js';
import { authorize } from '../../../security/policy.js';
import { proofStatementSchema, type ProofStatement } from '../../../../shared/schemas/live-meetings.js';
import { recordAudit } from '../../audit/record.js';
import { groupResource } from '../access.js';
import { facilitatedGroup, type LiveDeps } from './meetings-service.js';
import { localDate } from './occurrences.js';
import type { ProofKeys } from './proof-key.js';
import { findAttendance } from './repository/attendance.js';
import {
  findLiveProofOf,
  findProofContext,
  insertProof,
  listOwnProofs,
  listPendingProofs,
  updateProof,
  type ProofContext,
} from './repository/proofs.js';
import { attendableRoom } from './rooms-service.js';

export interface ProofDeps extends LiveDeps {
  keys: ProofKeys;
}

export const verifyUrl = (deps: LiveDeps, id: string) => `${deps.publicUrl}/proofs/${id}`;

/** A member asks for a proof of a meeting they recorded attending; one live request or proof per record. */
export async function requestProof(
  deps: ProofDeps,
  actor: Actor,
  roomId: number,
): Promise<{ created: boolean; id: string; status: string }> {
  const { room, accountId } = await attendableRoom(deps, actor, roomId);
  const record = await findAttendance(deps.database.db, accountId, room.id);
  if (!record) throw conflict('record your attendance at this meeting first; a proof can only state what you recorded');
  const existing = await findLiveProofOf(deps.database.db, record.id);
  if (existing) return { created: false, id: existing.id, status: existing.status };
  // 128 random bits: the id is the public link's secret part, so it must not be guessable.
  const id = randomBytes(16).toString('hex');
  const now = deps.now().toISOString();
  // Until a facilitator issues it, the statement holds what was asked for; issuing replaces it with what is signed.
  const draft = { v: 1, id, group: record.group_name, meeting: record.meeting_title, occurrence_at: record.occurrence_at };
  await withWriteTransaction(deps.database, (tx) =>
    insertProof(tx, {
      id,
      attendance_id: record.id,
      account_id: accountId,
      issued_by: null,
      status: 'requested',
      statement: JSON.stringify(draft),
      signature: null,
      created_at: now,
      issued_at: null,
    }),
  );
  return { created: true, id, status: 'requested' };
}

/** The proof requests of a group waiting for its facilitators. */
export async function pendingRequests(deps: ProofDeps, actor: Actor, slug: string) {
  const group = await facilitatedGroup(deps, actor, slug);
  const rows = await listPendingProofs(deps.database.db, group.id);
  return {
    requests: rows.map((p) => ({
      id: p.id,
      pseudonym: p.handle,
      meeting_title: p.meeting_title ?? '',
      date: localDate(p.occurrence_at!, group.time_zone),
      occurrence_at: p.occurrence_at!,
      requested_at: p.created_at,
    })),
  };
}

/** The proof and its group, or 404; the group is null once the attendance behind it is gone. */
async function proofWithGroup(deps: ProofDeps, id: string): Promise<ProofContext> {
  const proof = await findProofContext(deps.database.db, id);
  if (!proof) throw notFound('proof');
  return proof;
}

/**
 * A facilitator of the proof's group (or a moderator) signs it: the statement `{v, id, site, group, meeting, date,
 * pseudonym, issued_at}`, serialised once, in that key order, and signed as those exact UTF-8 bytes.
 */
export async function issueProof(deps: ProofDeps, actor: Actor, id: string) {
  const proof = await proofWithGroup(deps, id);
  if (proof.group_id === null) throw conflict('the attendance this proof was asked for has been withdrawn');
  authorize(actor, 'group.facilitate', await groupResource(deps.database.db, actor, proof.group_id));
  // A proof vouches for someone to a third party: nobody vouches for themselves, whatever their roles.
  if (actor.kind === 'member' && actor.accountId === proof.account_id) throw forbidden();
  if (proof.status !== 'requested') throw conflict(`this proof is already ${proof.status}`);
  const now = deps.now();
  const statement: ProofStatement = {
    v: 1,
    id: proof.id,
    site: new URL(deps.publicUrl).origin,
    group: proof.group_name!,
    meeting: proof.meeting_title!,
    date: localDate(proof.occurrence_at!, proof.group_time_zone!),
    pseudonym: proof.handle,
    issued_at: now.toISOString(),
  };
  const text = JSON.stringify(statement);
  const signature = (await deps.keys.get()).sign(text);
  const issued = await withWriteTransaction(deps.database, async (tx) => {
    const ok = await updateProof(tx, id, 'requested', {
      status: 'issued',
      statement: text,
      signature,
      issued_by: actor.kind === 'member' ? actor.accountId : null,
      issued_at: statement.issued_at,
    });
    if (ok)
      await recordAudit(
        tx,
        actor,
        { action: 'proof.issued', target: { kind: 'proof', id }, detail: { group_id: proof.group_id! } },
        now,
      );
    return ok;
  });
  if (!issued) throw conflict('this proof was changed meanwhile; reload it');
  return verifyProof(deps, id);
}

/** The member revokes their proof, or a facilitator of its group (or a moderator) does. */
export async function revokeProof(deps: ProofDeps, actor: Actor, id: string) {
  const proof = await proofWithGroup(deps, id);
  const own = actor.kind === 'member' && actor.accountId === proof.account_id;
  if (!own) {
    if (proof.group_id === null) {
      // Only the member (or a moderator) may act on a proof whose group link is gone.
      authorize(actor, 'reports.review');
    } else authorize(actor, 'group.facilitate', await groupResource(deps.database.db, actor, proof.group_id));
  }
  if (proof.status === 'revoked') return { id, status: 'revoked' as const };
  const now = deps.now();
  await withWriteTransaction(deps.database, async (tx) => {
    await updateProof(tx, id, proof.status, { status: 'revoked' });
    await recordAudit(
      tx,
      actor,
      {
        action: 'proof.revoked',
        target: { kind: 'proof', id },
        detail: { by_member: own, ...(proof.group_id ? { group_id: proof.group_id } : {}) },
      },
      now,
    );
  });
  return { id, status: 'revoked' as const };
}

/**
 * What anyone holding the link sees: the statement and signature, checked again against the public key now. A
 * revoked proof says so and shows nothing about the person; an unknown id is a 404.
 */
export async function verifyProof(deps: ProofDeps, id: string) {
  const proof = await proofWithGroup(deps, id);
  const key = await deps.keys.get();
  const base = { id, key_id: key.keyId, verify_url: verifyUrl(deps, id) };
  if (proof.status !== 'issued' || proof.signature === null) {
    const message =
      proof.status === 'revoked'
        ? 'This proof of attendance was revoked and no longer states anything.'
        : 'This proof of attendance was requested but has not been issued by a facilitator yet.';
    return { ...base, status: proof.status, valid: false, message, statement: null, statement_text: null, signature: null };
  }
  let statement: ProofStatement | null = null;
  try {
    const parsed = proofStatementSchema.safeParse(JSON.parse(proof.statement));
    statement = parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    statement = null;
  }
  const valid = statement !== null && key.verify(proof.statement, proof.signature);
  return {
    ...base,
    status: proof.status,
    valid,
    message: valid
      ? 'The signature is valid: this installation issued this statement and it has not been changed.'
      : 'The signature does not match the statement: it was altered, or signed with another key. Do not rely on it.',
    statement,
    statement_text: proof.statement,
    signature: proof.signature,
  };
}

export async function ownProofs(deps: ProofDeps, accountId: number) {
  const rows = await listOwnProofs(deps.database.db, accountId);
  return {
    proofs: rows.map((p) => {
      const stated = safeJson(p.statement);
      return {
        id: p.id,
        status: p.status,
        group_name: p.group_name ?? str(stated.group),
        meeting_title: p.meeting_title ?? str(stated.meeting),
        occurrence_at: p.occurrence_at ?? str(stated.occurrence_at),
        created_at: p.created_at,
        issued_at: p.issued_at,
        verify_url: verifyUrl(deps, p.id),
      };
    }),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
function safeJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

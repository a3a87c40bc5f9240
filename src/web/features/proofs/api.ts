import type { ProofStatement } from '../../../shared/schemas/live-meetings.js';
import { apiRequest } from '../../lib/account-api.js';

/** `GET /api/proofs/:id` (public): the statement, the signature and whether it verified just now. */
export interface ProofVerification {
  id: string;
  status: 'requested' | 'issued' | 'revoked';
  valid: boolean;
  message: string;
  statement: ProofStatement | null;
  statement_text: string | null;
  signature: string | null;
  key_id: string;
  verify_url: string;
}

/** A proof id is 32 hex digits (128 random bits); anything else is no proof. */
export const PROOF_ID = /^[0-9a-f]{32}$/;

export const fetchProof = (id: string) => apiRequest<ProofVerification>('GET', `/api/proofs/${id}`);

export const proofPdfHref = (id: string) => `/api/proofs/${id}/pdf`;
export const PROOF_KEY_HREF = '/api/proofs/key';

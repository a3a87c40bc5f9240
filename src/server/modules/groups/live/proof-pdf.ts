import { notFound } from '../../../errors.js';
import { buildPdf, wrap, type PdfLine } from './pdf.js';
import { verifyProof, type ProofDeps } from './proof-service.js';

/**
 * The proof as a one-page PDF for people who must hand in paper (court, treatment): the statement in words, the
 * link where anyone can check it, and the signature with the key's id. Only an issued proof has one.
 */
export async function proofPdf(deps: ProofDeps, id: string): Promise<Buffer> {
  const proof = await verifyProof(deps, id);
  const s = proof.statement;
  if (proof.status !== 'issued' || !s || !proof.signature)
    throw notFound('issued proof (it may not be issued yet, or it was revoked)');
  const words =
    `This is to certify that the member known on ${s.site} by the pseudonym "${s.pseudonym}" attended the online ` +
    `meeting "${s.meeting}" of the group "${s.group}" on ${s.date} (the group's local date).`;
  const lines: PdfLine[] = [
    { text: 'Proof of attendance', size: 20 },
    ...wrap(words, 88).map((text, i) => ({ text, gap: i === 0 ? 14 : 0 })),
    { text: `Pseudonym: ${s.pseudonym}`, gap: 12 },
    { text: `Group: ${s.group}` },
    { text: `Meeting: ${s.meeting}` },
    { text: `Date: ${s.date}` },
    { text: `Issued: ${s.issued_at}` },
    { text: `Proof id: ${s.id}` },
    { text: 'Check this proof at:', gap: 14 },
    { text: proof.verify_url, size: 12 },
    { text: `Signature (Ed25519, base64url; key ${proof.key_id}):`, gap: 14, size: 9 },
    ...wrap(proof.signature, 96).map((text) => ({ text, size: 9 })),
    { text: 'Signed statement (its exact bytes are on the verification page):', gap: 8, size: 9 },
    ...wrap(proof.statement_text, 96).map((text) => ({ text, size: 8 })),
    {
      text: 'The public key is at /api/proofs/key on the same site. The pseudonym is not a legal name.',
      gap: 14,
      size: 9,
    },
  ];
  return buildPdf(lines, `Proof of attendance ${s.id}`);
}

/**
 * The shapes the screens use, as docs/api-contract.md describes them. Requests are type-checked against the
 * generated schema.d.ts through openapi-fetch; responses are read as these types.
 */
import type { components } from './schema';

export type Role = 'CONTRIBUTOR' | 'FACT_CHECKER' | 'EDITOR' | 'ADMIN' | 'AUDITOR';
export const ROLES: Role[] = ['CONTRIBUTOR', 'FACT_CHECKER', 'EDITOR', 'ADMIN', 'AUDITOR'];

export type ClaimStatus = 'SUBMITTED' | 'RESEARCHING' | 'IN_REVIEW' | 'RATED' | 'DISMISSED';
export const STATUSES: ClaimStatus[] = ['SUBMITTED', 'RESEARCHING', 'IN_REVIEW', 'RATED', 'DISMISSED'];

export type Priority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
export const PRIORITIES: Priority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

export type Stance = 'SUPPORTS' | 'REFUTES' | 'CONTEXT';
export const STANCES: Stance[] = ['SUPPORTS', 'REFUTES', 'CONTEXT'];

export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
}

export interface UserView {
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
}

export interface ApiKeyView {
  id: number;
  name: string;
  role: Role;
  createdBy?: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface CreatedApiKey {
  id: number;
  name: string;
  role: Role;
  token: string;
}

export interface ClaimInput {
  statement?: string;
  claimant?: string | null;
  sourceUrl?: string | null;
  claimedAt?: string | null;
  language?: string | null;
  tags?: string[];
  priority?: Priority;
}

export interface ClaimView {
  id: number;
  statement: string;
  claimant?: string | null;
  sourceUrl?: string | null;
  claimedAt?: string | null;
  language?: string | null;
  tags: string[];
  priority: Priority;
  status: ClaimStatus;
  assignee?: string | null;
  submittedBy: string;
  dismissalReason?: string | null;
  duplicateOf?: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedTransitions: ClaimStatus[];
  /** What the caller may do now, as the server's access policy decides; screens offer exactly these. */
  allowedActions: ClaimAction[];
}

export type ClaimAction =
  | 'READ'
  | 'READ_HISTORY'
  | 'READ_EVIDENCE'
  | 'READ_COMMENTS'
  | 'READ_DRAFTS'
  | 'EDIT'
  | 'TAKE'
  | 'START_RESEARCH'
  | 'ASSIGN'
  | 'DISMISS'
  | 'REOPEN'
  | 'REOPEN_FOR_CORRECTION'
  | 'ADD_EVIDENCE'
  | 'RETRACT_EVIDENCE'
  | 'COMMENT'
  | 'DRAFT_RULING'
  | 'APPROVE_RULING'
  | 'RETURN_RULING';

/** Actions on one comment or one piece of evidence. */
export type ItemAction = 'EDIT' | 'DELETE' | 'RESOLVE' | 'RETRACT';

/** Whether the server allows this action on the claim for the signed-in caller. */
export function allows(claim: { allowedActions?: ClaimAction[] }, action: ClaimAction): boolean {
  return (claim.allowedActions ?? []).includes(action);
}

/** A claim that may say the same as a text (GET /claims/similar), best first; score is 0..1. */
export interface SimilarClaim {
  claim: ClaimView;
  score: number;
  duplicate: 'LIKELY' | 'POSSIBLE';
  matchedOn: string[];
  verdict?: string | null;
  verdictLabel?: string | null;
}

export interface SimilarClaims {
  items: SimilarClaim[];
  model: string;
  /** The language the text was matched in: the one given, or detected from the text. */
  language?: string;
}

export interface ClaimPage {
  items: ClaimView[];
  nextCursor?: string | null;
}

export type ClaimCounts = Partial<Record<ClaimStatus, number>>;

export interface AuditEvent {
  seq: number;
  claimId?: number | null;
  type: string;
  actor: string;
  occurredAt: string;
  data?: Record<string, unknown> | null;
  prevHash?: string | null;
  hash: string;
}

/** Generated from the service's schema: `events` and `firstBrokenSeq` are left out for the claim's submitter. */
export type ChainVerification = components['schemas']['ChainVerification'];

export interface EvidenceView {
  id: number;
  claimId: number;
  kind: 'FILE' | 'LINK';
  stance: Stance;
  note?: string | null;
  addedBy: string;
  addedAt: string;
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  accessedAt?: string | null;
  archiveUrl?: string | null;
  fileName?: string | null;
  contentType?: string | null;
  size?: number | null;
  sha256?: string | null;
  retracted: boolean;
  retractedBy?: string | null;
  retractedAt?: string | null;
  retractionReason?: string | null;
  allowedActions?: ItemAction[];
}

export interface LinkInput {
  url: string;
  title: string;
  publisher?: string;
  accessedAt?: string;
  archiveUrl?: string;
  stance: Stance;
  note?: string;
}

export interface CommentView {
  id: number;
  claimId: number;
  parentId?: number | null;
  author: string;
  body?: string | null;
  mentions: string[];
  createdAt: string;
  editedAt?: string | null;
  deleted: boolean;
  resolved: boolean;
  resolvedBy?: string | null;
  version: number;
  allowedActions?: ItemAction[];
}

export interface Verdict {
  key: string;
  label: string;
  value?: number | null;
  description?: string | null;
  retired?: boolean;
}

export interface RatingScale {
  version: number;
  verdicts: Verdict[];
}

export interface RulingInput {
  verdict: string;
  headline: string;
  claimReviewed: string;
  summary: string;
  evidenceIds: number[];
  correctionNote?: string;
}

export type RulingStatus = 'DRAFT' | 'RETURNED' | 'PUBLISHED' | 'SUPERSEDED';

export interface RulingView {
  id: number;
  claimId: number;
  verdict: string;
  verdictLabel?: string | null;
  scaleVersion?: number | null;
  headline: string;
  claimReviewed: string;
  summary: string;
  evidenceIds: number[];
  correctionNote?: string | null;
  status: RulingStatus | string;
  versionNumber?: number | null;
  draftedBy: string;
  approvedBy?: string | null;
  returnedBy?: string | null;
  returnedAt?: string | null;
  ratingValue?: number | null;
  supersedes?: number | null;
  createdAt: string;
  publishedAt?: string | null;
  supersededBy?: number | null;
  provenanceHash?: string | null;
}

/** schema.org ClaimReview as served by /api/public/claim-reviews/{id}. */
export interface ClaimReviewJsonLd {
  '@context'?: string;
  '@type'?: string;
  url?: string;
  claimReviewed?: string;
  datePublished?: string;
  dateModified?: string;
  headline?: string;
  reviewBody?: string;
  correction?: unknown;
  author?: { '@type'?: string; name?: string; url?: string };
  reviewRating?: {
    '@type'?: string;
    alternateName?: string;
    ratingValue?: number | string;
    bestRating?: number | string;
    worstRating?: number | string;
  };
  itemReviewed?: {
    '@type'?: string;
    author?: { '@type'?: string; name?: string } | string;
    datePublished?: string;
    appearance?: unknown;
    firstAppearance?: unknown;
  };
  [key: string]: unknown;
}

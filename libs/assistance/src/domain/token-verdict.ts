import { TokenRefusalReason } from './assistance.events';
import { ms } from './assistance-guards';
import { AssistanceState, ImpersonationSession } from './assistance.state';

export type TokenVerdict =
  | { active: true; session: ImpersonationSession; expiresAt: string }
  | {
      active: false;
      refusal: TokenRefusalReason;
      /** The session is still open but its consent has run out: its expiry is due now. */
      expiryDue: boolean;
    };

const refused = (refusal: TokenRefusalReason, expiryDue = false): TokenVerdict => ({
  active: false,
  refusal,
  expiryDue,
});

/**
 * IMP-5: a token is live only while its session is, under an unexpired and unwithdrawn consent,
 * and before its own expiry. Ending, expiry or withdrawal ends it at once.
 */
export function tokenVerdict(
  state: AssistanceState,
  sessionId: string,
  tokenId: string,
  now: string,
): TokenVerdict {
  if (state.status === 'none') return refused('token_unknown');
  const session = state.impersonations[sessionId];
  const tokenExpiresAt = session?.tokens[tokenId];
  if (!session || !tokenExpiresAt) return refused('token_unknown');
  const consent = session.consentId ? state.consents[session.consentId] : undefined;
  if (consent?.status === 'withdrawn') return refused('consent_withdrawn');
  if (session.status === 'expired') return refused('session_expired');
  if (session.status !== 'active') return refused('session_not_active');
  if (session.expiresAt && ms(now) >= ms(session.expiresAt))
    return refused('session_expired', true);
  if (ms(now) >= ms(tokenExpiresAt)) return refused('token_expired');
  return { active: true, session, expiresAt: tokenExpiresAt };
}

export const TOKEN_REFUSALS: Record<TokenRefusalReason, string> = {
  session_not_active: 'The impersonation session of this token is not active',
  session_expired: "The impersonation session expired with the customer's consent",
  consent_withdrawn: 'The customer withdrew the consent to this impersonation session',
  token_expired: 'This impersonation token has expired',
  token_unknown: 'This token was not issued for an impersonation session of this ticket',
};

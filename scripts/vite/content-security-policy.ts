import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../../src/shared/content-security-policy.ts';

const CHARSET = /<meta charset="utf-8"\s*\/?>/i;

/**
 * Writes the app's Content-Security-Policy into every built page right after <meta charset>, before
 * anything it governs (a <meta> policy covers only what follows it), so it holds on static hosts that
 * send no headers. The dev server is left without it: Vite's HMR client and web-test-runner inject
 * inline scripts. `vite preview` sends the policy as a header as well (vite.config.ts).
 */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'tama:content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { filename }) {
        const charset = CHARSET.exec(html);
        if (!charset) throw new Error(`${filename}: no <meta charset="utf-8"> to put the CSP <meta> after`);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`;
        const at = charset.index + charset[0].length;
        return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
      },
    },
  };
}

import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src/shared/content-security-policy.ts';

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

/** Where browsers send violation reports under `vite preview` (not on static hosts: a <meta> cannot ask). */
const REPORT_PATH = '/__csp-report';

/** Printed before each violation `vite preview` hears of; tests/support/preview-server.ts watches for it. */
export const CSP_VIOLATION_LOG_PREFIX = 'CSP violation:';

/**
 * The header `vite preview` and `start:lan` send: the policy plus `report-uri`, so a violation anywhere
 * (page, worker, service worker, a phone on the LAN) is printed in the terminal that serves the app.
 */
export const PREVIEW_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; report-uri ${REPORT_PATH}`;

interface CspReport {
  'document-uri'?: string;
  'effective-directive'?: string;
  'violated-directive'?: string;
  'blocked-uri'?: string;
  'source-file'?: string;
  'line-number'?: number;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function describeCspReport(report: CspReport): string {
  const directive = report['effective-directive'] ?? report['violated-directive'] ?? '?';
  const source = report['source-file'] ? ` at ${report['source-file']}:${report['line-number'] ?? 0}` : '';
  return `${directive} blocked ${report['blocked-uri'] || '(inline)'} in ${report['document-uri'] ?? '?'}${source}`;
}

/** Receives the reports PREVIEW_CONTENT_SECURITY_POLICY asks for and prints one line per violation. */
export function contentSecurityPolicyReports(): Plugin {
  return {
    name: 'tama:content-security-policy-reports',
    configurePreviewServer(server) {
      server.middlewares.use(REPORT_PATH, (request, response) => {
        void readBody(request).then((body) => {
          let report: CspReport = {};
          try {
            report = (JSON.parse(body) as { 'csp-report'?: CspReport })['csp-report'] ?? {};
          } catch {
            // An unreadable report still says that something was refused.
          }
          console.log(`${CSP_VIOLATION_LOG_PREFIX} ${describeCspReport(report)}`);
          response.statusCode = 204;
          response.end();
        });
      });
    },
  };
}

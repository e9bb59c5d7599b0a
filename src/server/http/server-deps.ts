import type { UseCaseDeps } from "../context";

export interface ServerConfig {
  /** Always mark the cookie Secure (set when TLS ends at a proxy that does not say so). */
  secureCookies: boolean;
  /** Largest evidence file accepted, in bytes. */
  uploadLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /**
   * Admin, office and auditor accounts must sign in with a second factor (TOTP); on
   * unless KAOPING_REQUIRE_2FA=0. Accounts marked exempt (the demo accounts) are not held to it.
   */
  requireTwoFactor: boolean;
  /** The built web app's folder (default build/web in the checkout); see http/web-app.ts. */
  webRoot?: string;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  secureCookies: false,
  uploadLimitBytes: 50 * 1024 * 1024,
  trustProxy: false,
  requireTwoFactor: true,
};

export interface ServerDeps extends UseCaseDeps {
  config: ServerConfig;
}

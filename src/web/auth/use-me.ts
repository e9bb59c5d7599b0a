import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me, SessionState } from "../../contract/api";
import { api, ApiError, notifySessionExpired, setCsrfToken } from "../api/client";
import { queryKeys } from "../api/query-keys";

/**
 * The signed-in account, or null when nobody is signed in. Reading it also takes the
 * CSRF token the server issues with the session.
 *
 * It asks GET /api/auth/session, which never answers 401, so a visitor who is not signed
 * in is not an error. Once someone is signed in, `me: null` means the session expired
 * under an open page: the account is kept (so the page, and whatever was typed in it,
 * stays) and the sign-in dialog opens over the page (auth/session-expired-modal.tsx).
 * Only when nobody was signed in does it become null, which sends the visitor to the
 * login page.
 */
export function useMe() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<Me | null> => {
      const known = queryClient.getQueryData<Me | null>(queryKeys.me) ?? null;
      const { me } = await api.get<SessionState>("/api/auth/session");
      if (me) {
        setCsrfToken(me.csrfToken);
        return me;
      }
      if (known) {
        notifySessionExpired();
        return known;
      }
      setCsrfToken(null);
      return null;
    },
    staleTime: 60_000,
    retry: (count, error) => error instanceof ApiError && error.temporary && count < 2,
  });
}

export type Role = Me["user"]["role"];

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case "dept_clerk":
    case "dept_head":
      return "/workspace";
    case "leader":
      return "/dashboard";
    default:
      return "/office";
  }
}

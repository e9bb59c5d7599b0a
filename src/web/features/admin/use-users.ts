import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AccountLocks,
  CreateUserBody,
  PasswordReset,
  TwoFactorReset,
  UnlockResult,
  UpdateUserBody,
  UserAccount,
  UserList,
} from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

const userPath = (username: string) => `/api/users/${encodeURIComponent(username)}`;

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: () => api.get<UserList>("/api/users"),
  });
}

export function useLocks() {
  return useQuery({
    queryKey: queryKeys.locks,
    queryFn: () => api.get<AccountLocks>("/api/users/locks"),
  });
}

/** Every change to an account refreshes the list and the locks (both keys start with "users"). */
export function useUserMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.users });
  return {
    create: useMutation({
      mutationFn: (body: CreateUserBody) => api.post<UserAccount>("/api/users", body),
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ username, body }: { username: string; body: UpdateUserBody }) =>
        api.patch<UserAccount>(userPath(username), body),
      onSettled: refresh,
    }),
    resetPassword: useMutation({
      mutationFn: ({ username, password }: { username: string; password: string }) =>
        api.post<PasswordReset>(`${userPath(username)}/password`, { password }),
      onSettled: refresh,
    }),
    unlock: useMutation({
      mutationFn: (username: string) => api.post<UnlockResult>(`${userPath(username)}/unlock`),
      onSettled: refresh,
    }),
    resetTwoFactor: useMutation({
      mutationFn: (username: string) => api.post<TwoFactorReset>(`${userPath(username)}/2fa/reset`),
      onSettled: refresh,
    }),
  };
}

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import type { AuditActions, AuditLogPage, AuditVerdict } from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";

/** The log's filters as the page keeps them (dates as YYYY-MM-DD, UTC days as the API reads them). */
export interface AuditFilters {
  actor?: string;
  action?: string;
  object?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  const query = { ...filters, page, pageSize };
  return useQuery({
    queryKey: queryKeys.auditLog(query),
    queryFn: () => api.get<AuditLogPage>("/api/audit/log", { query }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions() {
  return useQuery({
    queryKey: queryKeys.auditActions,
    queryFn: () => api.get<AuditActions>("/api/audit/actions"),
    staleTime: 5 * 60_000,
  });
}

/** The chain check runs when asked (it reads the whole log), never in the background. */
export function useVerifyChain() {
  return useMutation({
    mutationKey: queryKeys.auditVerify,
    mutationFn: () => api.get<AuditVerdict>("/api/audit/verify"),
  });
}

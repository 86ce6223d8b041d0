-- R19 (docs/SECURITY.md): IP addresses a case obtains from a third party (a platform's or an ISP's
-- response, a mandatory report, a foreign partner) keep their provenance and the authority under
-- which they were obtained. One row per address and time as the third party gave it; append-only:
-- a correction is a new row that supersedes the old one.
create table third_party_ip (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  -- Who provided the addresses and their reference for the response.
  provider text not null check (length(provider) between 1 and 200),
  provider_reference text check (length(provider_reference) between 1 and 200),
  -- Why Vigil may hold them: under a legal authority of the case, or disclosed without one.
  basis text not null check (basis in ('legal_authority', 'mandatory_report', 'voluntary_disclosure', 'exigent_circumstances')),
  authority_id uuid references legal_authority (id),
  -- What the provider said the address was (an account's login, an upload, a session).
  event text not null check (length(event) between 1 and 200),
  account_ref text check (length(account_ref) between 1 and 200),
  ip text not null,
  port integer check (port between 0 and 65535),
  observed_at timestamptz not null,
  -- The provider's response document (kept in the records system), by its SHA-256.
  document_sha256 text check (document_sha256 ~ '^[0-9a-f]{64}$'),
  -- Without an authority, the reason the addresses could be received (exigency, the report's law).
  basis_note text check (length(basis_note) between 3 and 2000),
  supersedes_id uuid references third_party_ip (id),
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null,
  check ((basis = 'legal_authority') = (authority_id is not null)),
  check (basis <> 'exigent_circumstances' or basis_note is not null)
);
create index third_party_ip_case_idx on third_party_ip (case_id);
create index third_party_ip_ip_idx on third_party_ip (ip);

create function third_party_ip_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'third_party_ip is append-only (supersede instead)';
end;
$$;
create trigger third_party_ip_no_update before update or delete on third_party_ip
  for each row execute function third_party_ip_append_only();

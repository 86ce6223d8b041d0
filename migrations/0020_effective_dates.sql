-- Effective dates (issue 15): a workflow move or a referral may be entered after the fact. The
-- server's time stays the record's time (case_event.at, referral.created_at and decided_at); the
-- effective date is when it happened, which the unit statistics read. Existing rows happened when
-- they were recorded.
alter table case_event add column effective_at timestamptz;
update case_event set effective_at = at;
alter table case_event alter column effective_at set not null;
create index case_event_effective_idx on case_event (to_state, effective_at);

alter table referral add column effective_at timestamptz;
update referral set effective_at = created_at;
alter table referral alter column effective_at set not null;
alter table referral add column decision_effective_at timestamptz;
update referral set decision_effective_at = decided_at;
alter table referral add constraint referral_decision_effective_check
  check ((decided_at is null) = (decision_effective_at is null));

-- The production order of the Criminal Code before the lawful-access amendments of S.C. 2014,
-- c. 31 (in force 10 March 2015): s. 487.012 as enacted by S.C. 2004, c. 3 (in force 15 September
-- 2004). Orders issued before 10 March 2015 name it; s. 487.014 applies from that day on.
insert into legal_authority_type
  (code, category, statute, label, default_validity_days, authorizes_identity, in_force_from,
   in_force_to)
values
  ('production_order_2004', 'production', 'Criminal Code s. 487.012 (S.C. 2004, c. 3)',
   'Production order (2004)', null, true, '2004-09-15', '2015-03-10');

import type { ReactNode } from 'react';
import { CASEWORK, type Role } from './session';
import { AuditPage } from './routes/audit';
import { CasePage, CasesPage } from './routes/cases';
import { HashSetsPage } from './routes/hashsets';
import { IntakePage } from './routes/intake';
import { JurisdictionPage } from './routes/jurisdiction';
import { QueuePage } from './routes/queue';
import { ReferralsPage } from './routes/referrals/referrals';
import { StatisticsPage } from './routes/statistics';
import { SubjectPage } from './routes/subject';
import { UsersPage } from './routes/users';

/** Who may open a screen mirrors the API's route policy; the server still decides every call. */
const INTAKE: Role[] = [
  'analyst',
  'investigator',
  'supervisor',
  'agency_admin',
  'coordinator',
  'system_admin',
];
const READERS: Role[] = ['agency_admin', 'system_admin', 'supervisor', 'auditor'];

export type Screen = {
  /** The page title (document.title). */
  title: string;
  /** The menu entry (absent for pages reached from another, like a subject). */
  nav?: { href: string; label: string };
  roles?: readonly Role[];
  /** The page for a path, or undefined when the path is not this screen's. */
  render: (path: string) => ReactNode | undefined;
};

const exact = (href: string, page: () => ReactNode) => (path: string) =>
  path === href ? page() : undefined;

/**
 * Every screen of the app, in menu order. A new screen (referrals, merge/split…) is one
 * entry here and one file in routes/.
 */
export const SCREENS: Screen[] = [
  {
    title: 'Priority queue',
    nav: { href: '/queue', label: 'Priority queue' },
    roles: INTAKE,
    render: exact('/queue', () => <QueuePage />),
  },
  {
    title: 'Subject',
    roles: INTAKE,
    render: (path) => {
      const m = /^\/subjects\/([^/]+)$/.exec(path);
      return m ? <SubjectPage subjectKey={decodeURIComponent(m[1]!)} /> : undefined;
    },
  },
  {
    title: 'Cases',
    nav: { href: '/cases', label: 'Cases' },
    roles: CASEWORK,
    render: exact('/cases', () => <CasesPage />),
  },
  {
    title: 'Case',
    roles: CASEWORK,
    render: (path) => {
      const m = /^\/cases\/([^/]+)$/.exec(path);
      return m ? <CasePage id={decodeURIComponent(m[1]!)} /> : undefined;
    },
  },
  {
    title: 'Referrals',
    nav: { href: '/referrals', label: 'Referrals' },
    roles: CASEWORK,
    render: exact('/referrals', () => <ReferralsPage />),
  },
  {
    title: 'Unit statistics',
    nav: { href: '/statistics', label: 'Statistics' },
    roles: CASEWORK,
    render: exact('/statistics', () => <StatisticsPage />),
  },
  {
    title: 'Intake',
    nav: { href: '/intake', label: 'Intake' },
    roles: INTAKE,
    render: exact('/intake', () => <IntakePage />),
  },
  {
    title: 'Hash sets',
    nav: { href: '/hashsets', label: 'Hash sets' },
    render: exact('/hashsets', () => <HashSetsPage />),
  },
  {
    title: 'Jurisdiction rules',
    nav: { href: '/jurisdiction', label: 'Jurisdiction' },
    render: exact('/jurisdiction', () => <JurisdictionPage />),
  },
  {
    title: 'Users',
    nav: { href: '/admin/users', label: 'Users' },
    roles: READERS,
    render: exact('/admin/users', () => <UsersPage />),
  },
  {
    title: 'Audit log',
    nav: { href: '/audit', label: 'Audit log' },
    roles: ['auditor'],
    render: exact('/audit', () => <AuditPage />),
  },
];

// Generated from openapi.json by scripts/ui-api-types.ts (`npm run openapi`). Do not edit.
/* eslint-disable */
export interface paths {
  '/api/attribution/lookup': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            at: string;
            ip: string;
            port?: number | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              agencyCode: string | null;
              asOrg: string | null;
              asn: number | null;
              at: string;
              city: string | null;
              countryCode: string | null;
              dataAttribution: string;
              flags: Array<string>;
              ip: string;
              region: string | null;
              unassignedReason: string | null;
            };
          };
        };
      };
    };
  };
  '/api/attribution/sources': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              dataAttribution: string;
            };
          };
        };
      };
    };
  };
  '/api/attribution/tor-lists': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'text/plain': string;
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              entries: number;
              errors: Array<{
                line: number;
                reason: string;
              }>;
              inserted: number;
            };
          };
        };
      };
    };
  };
  '/api/audit': {
    get: {
      parameters: {
        query?: {
          action?: string;
          outcome?: 'success' | 'failure' | 'denied' | 'error';
          actorId?: string;
          owner?: string;
          afterSeq?: number | null;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              items: Array<{
                entry: {
                  action: string;
                  actor: {
                    id?: string;
                    kind: 'user' | 'system' | 'anonymous';
                    via?: 'session' | 'token';
                  };
                  category:
                    | 'collection'
                    | 'consultation'
                    | 'alteration'
                    | 'disclosure'
                    | 'combination'
                    | 'erasure'
                    | 'login'
                    | 'permission'
                    | 'audit';
                  details?: {
                    [key: string]: string | number | boolean;
                  };
                  ip?: string;
                  justification?: string;
                  objectIds: Array<string>;
                  objectType?: string;
                  organisationId?: string;
                  outcome: 'success' | 'failure' | 'denied' | 'error';
                  owners?: Array<string>;
                  requestId?: string;
                  seq: number;
                  source: 'http' | 'cli' | 'job';
                  time: string;
                  v: 1;
                };
                hash: string;
                seq: number;
              }>;
              nextAfterSeq: number | null;
              organisations: {
                [key: string]: string;
              };
              people: {
                [key: string]: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/audit/checkpoints': {
    get: {
      parameters: {
        query?: {
          since?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              checkpoints: Array<{
                checkpoint: {
                  headHash: string;
                  keyId: string;
                  time: string;
                  treeSize: number;
                };
                signature: string;
              }>;
              format: 'vigil-audit-checkpoints/1';
              publicKeys: Array<string>;
            };
          };
        };
      };
    };
  };
  '/api/auth/login': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
            totp: string;
            username: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              mustEnrolTotp: boolean;
              passwordExpired: boolean;
            };
          };
        };
      };
    };
  };
  '/api/auth/logout': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/auth/me': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              mustChangePassword: boolean;
              mustEnrolTotp: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              stepUpAt: string | null;
              userId: string;
              via: 'session' | 'token';
            };
          };
        };
      };
    };
  };
  '/api/auth/notice': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              notice: string;
            };
          };
        };
      };
    };
  };
  '/api/auth/password': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            currentPassword: string;
            newPassword: string;
            totp?: string;
          };
        };
      };
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/auth/step-up': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
            totp: string;
          };
        };
      };
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/auth/totp/enrolment': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              totpSecret: string;
              totpUri: string;
            };
          };
        };
      };
    };
  };
  '/api/auth/totp/enrolment/confirm': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            totp: string;
          };
        };
      };
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases': {
    get: {
      parameters: {
        query?: {
          state?:
            | 'lead'
            | 'assessed'
            | 'legal_process_requested'
            | 'subscriber_identified'
            | 'warrant_sought'
            | 'warrant_executed'
            | 'charged'
            | 'closed'
            | 'referred_out';
          limit?: number;
          offset?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              items: Array<{
                cybertipReportId: string | null;
                disposition:
                  | 'charged'
                  | 'referred'
                  | 'no_offence'
                  | 'insufficient_evidence'
                  | 'diverted_to_counselling'
                  | null;
                id: string;
                investigatorId: string | null;
                isReadOnly: boolean;
                receivedAt: string;
                reference: string;
                sourceKind: 'subjects' | 'cybertip' | 'referral';
                state:
                  | 'lead'
                  | 'assessed'
                  | 'legal_process_requested'
                  | 'subscriber_identified'
                  | 'warrant_sought'
                  | 'warrant_executed'
                  | 'charged'
                  | 'closed'
                  | 'referred_out';
                subjectKeys: Array<string>;
                supervisorId: string | null;
                title: string;
                updatedAt: string;
              }>;
              total: number;
            };
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            cybertipReportId?: string;
            investigatorId?: string;
            receivedAt?: string;
            subjectKeys?: Array<string>;
            supervisorId?: string;
            title: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              cybertipReportId: string | null;
              disposition:
                | 'charged'
                | 'referred'
                | 'no_offence'
                | 'insufficient_evidence'
                | 'diverted_to_counselling'
                | null;
              id: string;
              investigatorId: string | null;
              isReadOnly: boolean;
              receivedAt: string;
              reference: string;
              sourceKind: 'subjects' | 'cybertip' | 'referral';
              state:
                | 'lead'
                | 'assessed'
                | 'legal_process_requested'
                | 'subscriber_identified'
                | 'warrant_sought'
                | 'warrant_executed'
                | 'charged'
                | 'closed'
                | 'referred_out';
              subjectKeys: Array<string>;
              supervisorId: string | null;
              title: string;
              updatedAt: string;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}/anonymiser-explanation': {
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              isComplete: boolean;
              items: Array<{
                detail: string;
                id: string;
                isMet: boolean;
              }>;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/arrests': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            accusedRef: string;
            arrestedAt: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/assignment': {
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            investigatorId: string | null;
            supervisorId: string | null;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              cybertipReportId: string | null;
              disposition:
                | 'charged'
                | 'referred'
                | 'no_offence'
                | 'insufficient_evidence'
                | 'diverted_to_counselling'
                | null;
              id: string;
              investigatorId: string | null;
              isReadOnly: boolean;
              receivedAt: string;
              reference: string;
              sourceKind: 'subjects' | 'cybertip' | 'referral';
              state:
                | 'lead'
                | 'assessed'
                | 'legal_process_requested'
                | 'subscriber_identified'
                | 'warrant_sought'
                | 'warrant_executed'
                | 'charged'
                | 'closed'
                | 'referred_out';
              subjectKeys: Array<string>;
              supervisorId: string | null;
              title: string;
              updatedAt: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/authorities': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            court: string;
            documentSha256: string;
            expiresAt?: string;
            issuedAt: string;
            number: string;
            scope: Array<{
              endsAt: string;
              ipRange: string;
              startsAt: string;
            }>;
            supersedesId?: string;
            typeCode: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              court: string;
              documentSha256: string;
              expiresAt: string | null;
              expiresInDays: number | null;
              id: string;
              issuedAt: string;
              number: string;
              scope: Array<{
                endsAt: string;
                ipRange: string;
                startsAt: string;
              }>;
              supersedesId: string | null;
              typeCode: string;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}/charges': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            arrestId?: string;
            laidOn: string;
            offences: Array<string>;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              ids: Array<string>;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/confirmations': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            note: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              isComplete: boolean;
              items: Array<{
                detail: string;
                id: string;
                isMet: boolean;
              }>;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/evidence': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            custodyRef?: string;
            description: string;
            sha256: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/identities': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            authorityId: string;
            billingAddress?: string;
            contact?: string;
            installationAddress?: string;
            ip: string;
            isSharedAddress?: boolean;
            ispLocalTime?: string;
            ispTimeZone?: string;
            justification: {
              caseReference: string;
              purpose:
                | 'investigation'
                | 'victim_identification'
                | 'risk_management'
                | 'disclosure_to_partner'
                | 'court_preparation'
                | 'quality_review';
              text: string;
            };
            name: string;
            observedAt: string;
            port?: number;
            subjectKey: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              authorityId: string;
              hasInstallationAddress: boolean;
              id: string;
              ip: string;
              isSharedAddress: boolean;
              ispLocalTime: string | null;
              ispTimeZone: string | null;
              name: '••••••';
              observedAt: string;
              port: number | null;
              subjectKey: string;
            };
          };
        };
        422: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        428: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}/notes': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            text: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/package': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            fieldScope?: Array<
              | 'summary'
              | 'subjects'
              | 'workflow'
              | 'authorities'
              | 'identities'
              | 'evidence'
              | 'warrants'
              | 'outcomes'
              | 'tasks'
              | 'notes'
            >;
            includeIdentities?: boolean;
            justification?: {
              caseReference: string;
              purpose:
                | 'investigation'
                | 'victim_identification'
                | 'risk_management'
                | 'disclosure_to_partner'
                | 'court_preparation'
                | 'quality_review';
              text: string;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/package/pdf': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            fieldScope?: Array<
              | 'summary'
              | 'subjects'
              | 'workflow'
              | 'authorities'
              | 'identities'
              | 'evidence'
              | 'warrants'
              | 'outcomes'
              | 'tasks'
              | 'notes'
            >;
            includeIdentities?: boolean;
            justification?: {
              caseReference: string;
              purpose:
                | 'investigation'
                | 'victim_identification'
                | 'risk_management'
                | 'disclosure_to_partner'
                | 'court_preparation'
                | 'quality_review';
              text: string;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/pdf': string;
          };
        };
      };
    };
  };
  '/api/cases/{id}/readiness': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              isComplete: boolean;
              items: Array<{
                detail: string;
                id: string;
                isMet: boolean;
              }>;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/referrals': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            effectiveAt?: string;
            fieldScope?: Array<
              | 'summary'
              | 'subjects'
              | 'workflow'
              | 'authorities'
              | 'identities'
              | 'evidence'
              | 'warrants'
              | 'outcomes'
              | 'tasks'
              | 'notes'
            >;
            reason: string;
            toOrganisationCode: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              caseReference: string;
              caseTitle: string;
              createdAt: string;
              decidedAt: string | null;
              decisionEffectiveAt: string | null;
              decisionReason: string | null;
              direction: 'outgoing' | 'incoming';
              effectiveAt: string;
              fieldScope: Array<
                | 'summary'
                | 'subjects'
                | 'workflow'
                | 'authorities'
                | 'identities'
                | 'evidence'
                | 'warrants'
                | 'outcomes'
                | 'tasks'
                | 'notes'
              >;
              fromOrganisation: string;
              id: string;
              packageSha256: string | null;
              reason: string;
              receivedCaseId: string | null;
              status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
              toOrganisation: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/tasks': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            assigneeId?: string;
            dueOn: string;
            title: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/third-party-ips': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            authorityId?: string;
            basis:
              | 'legal_authority'
              | 'mandatory_report'
              | 'voluntary_disclosure'
              | 'exigent_circumstances';
            basisNote?: string;
            documentSha256?: string;
            provider: string;
            providerReference?: string;
            records: Array<{
              accountRef?: string;
              event: string;
              ip: string;
              observedAt: string;
              port?: number;
              supersedesId?: string;
            }>;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              ids: Array<string>;
            };
          };
        };
        422: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}/transitions': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            disposition?:
              | 'charged'
              | 'referred'
              | 'no_offence'
              | 'insufficient_evidence'
              | 'diverted_to_counselling';
            effectiveAt?: string;
            reason?: string;
            to: 'assessed' | 'legal_process_requested' | 'closed';
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              cybertipReportId: string | null;
              disposition:
                | 'charged'
                | 'referred'
                | 'no_offence'
                | 'insufficient_evidence'
                | 'diverted_to_counselling'
                | null;
              id: string;
              investigatorId: string | null;
              isReadOnly: boolean;
              receivedAt: string;
              reference: string;
              sourceKind: 'subjects' | 'cybertip' | 'referral';
              state:
                | 'lead'
                | 'assessed'
                | 'legal_process_requested'
                | 'subscriber_identified'
                | 'warrant_sought'
                | 'warrant_executed'
                | 'charged'
                | 'closed'
                | 'referred_out';
              subjectKeys: Array<string>;
              supervisorId: string | null;
              title: string;
              updatedAt: string;
            };
          };
        };
        409: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/cases/{id}/victims': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            childrenSafeguarded: number;
            recordedOn: string;
            victimServicesRef: string;
            victimsIdentified: number;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/cases/{id}/warrants': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            override?: {
              reason: string;
            };
            soughtAt?: string;
            typeCode: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
        422: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/hashsets': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              items: Array<components['schemas']['HashSet']>;
            };
          };
        };
      };
    };
  };
  '/api/hashsets/category-policy': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': components['schemas']['CategoryPolicy'];
          };
        };
      };
    };
  };
  '/api/hashsets/import': {
    post: {
      parameters: {
        query?: {
          format?: 'vics' | 'nsrl' | 'md5sum' | 'sha1sum' | 'sha256sum' | 'hashdeep' | 'pdq';
          name?: string;
          kind?: 'known' | 'benign';
          scheme?: 'vics_us' | 'dhs' | 'caid' | 'caid_numeric' | 'ncmec' | 'custom';
          category?: string;
          strict?: 'true' | 'false';
          fileName?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/octet-stream': string;
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': components['schemas']['HashSetImportSummary'];
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        413: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        415: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/hashsets/{id}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': components['schemas']['HashSet'];
          };
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/health': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': components['schemas']['Health'];
          };
        };
        503: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': components['schemas']['Health'];
          };
        };
      };
    };
  };
  '/api/identities/{id}/reveal': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            justification: {
              caseReference: string;
              purpose:
                | 'investigation'
                | 'victim_identification'
                | 'risk_management'
                | 'disclosure_to_partner'
                | 'court_preparation'
                | 'quality_review';
              text: string;
            };
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              authorityId: string;
              billingAddress: string | null;
              contact: string | null;
              hasInstallationAddress: boolean;
              id: string;
              installationAddress: string | null;
              ip: string;
              isSharedAddress: boolean;
              ispLocalTime: string | null;
              ispTimeZone: string | null;
              name: string;
              observedAt: string;
              port: number | null;
              subjectKey: string;
            };
          };
        };
        401: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        428: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/intake/imports': {
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<components['schemas']['ImportView']>;
          };
        };
      };
    };
    post: {
      parameters: {
        query: {
          format: 'p2p-csv' | 'p2p-jsonl' | 'cybertip';
          name: string;
          strict?: 'true' | 'false';
          map?: string;
        };
        header?: {
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/octet-stream': string;
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              accepted: number;
              duplicates: number;
              file: string;
              format: 'p2p-csv' | 'p2p-jsonl' | 'cybertip';
              importId: string;
              matched: number;
              rejected: number;
              resumed: boolean;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
        409: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
        413: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
        415: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
        422: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/intake/quarantine': {
    get: {
      parameters: {
        query?: {
          importId?: string;
          includeResolved?: boolean | null;
          limit?: number;
          offset?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              field: string;
              fileName: string;
              format: 'p2p-csv' | 'p2p-jsonl' | 'cybertip';
              id: string;
              importId: string;
              line: number;
              raw: string;
              rawTruncated: boolean;
              reason: string;
              resolvedAt: string | null;
            }>;
          };
        };
        404: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/intake/quarantine/export': {
    get: {
      parameters: {
        query: {
          importId?: string;
          includeResolved?: boolean | null;
          limit?: number;
          offset?: number | null;
          reason: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'text/csv': string;
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
        404: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              error: {
                code: string;
                message: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/intake/rematch': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        202: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              isDuplicate: boolean;
              jobId: string;
            };
          };
        };
      };
    };
  };
  '/api/jurisdiction/rules': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              agencyCode: string;
              countryCode: string;
              id: string;
              municipality: string;
              note: string | null;
              region: string;
            }>;
          };
        };
      };
    };
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            agencyCode: string;
            countryCode: string;
            municipality?: string;
            note?: string | null;
            region?: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              agencyCode: string;
              countryCode: string;
              id: string;
              municipality: string;
              note: string | null;
              region: string;
            };
          };
        };
      };
    };
  };
  '/api/jurisdiction/rules/remove': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            countryCode: string;
            municipality?: string;
            region?: string;
          };
        };
      };
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/legal-authorities/expiring': {
    get: {
      parameters: {
        query?: {
          withinDays?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              caseId: string;
              caseReference: string;
              court: string;
              documentSha256: string;
              expiresAt: string | null;
              expiresInDays: number | null;
              id: string;
              issuedAt: string;
              number: string;
              scope: Array<{
                endsAt: string;
                ipRange: string;
                startsAt: string;
              }>;
              supersedesId: string | null;
              typeCode: string;
            }>;
          };
        };
      };
    };
  };
  '/api/legal-authority-types': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              authorizesIdentity: boolean;
              category: string;
              code: string;
              defaultValidityDays: number | null;
              inForceFrom: string;
              inForceTo: string | null;
              label: string;
              statute: string;
            }>;
          };
        };
      };
    };
  };
  '/api/match': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            hashes: Array<string>;
            pdqMaxDistance?: number;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              generation: number;
              results: Array<components['schemas']['HashMatchResult']>;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/metrics': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'text/plain': string;
          };
        };
      };
    };
  };
  '/api/offences': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              code: string;
              inForceFrom: string;
              inForceTo: string | null;
              label: string;
              section: string;
            }>;
          };
        };
      };
    };
  };
  '/api/organisations': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              code: string;
              id: string;
              isDemo: boolean;
              jurisdiction: string;
              kind: 'agency' | 'partner';
              name: string;
            }>;
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            jurisdiction?: string;
            kind: 'agency' | 'partner';
            name: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              code: string;
              id: string;
              isDemo: boolean;
              jurisdiction: string;
              kind: 'agency' | 'partner';
              name: string;
            };
          };
        };
      };
    };
  };
  '/api/organisations/{id}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              code: string;
              id: string;
              isDemo: boolean;
              jurisdiction: string;
              kind: 'agency' | 'partner';
              name: string;
            };
          };
        };
      };
    };
  };
  '/api/queue': {
    get: {
      parameters: {
        query?: {
          agency?: string;
          limit?: number;
          offset?: number | null;
          minScore?: number | null;
          attribution?: 'high' | 'medium' | 'low';
          flag?:
            | 'tor'
            | 'anonymous_vpn'
            | 'hosting'
            | 'private'
            | 'special'
            | 'cgnat'
            | 'cgnat_without_port'
            | 'possible_proxy'
            | 'unassigned_jurisdiction';
          zeroScores?: 'include' | 'hide' | 'only';
          municipality?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              agency: string | null;
              isTotalExact: boolean;
              items: Array<{
                agencyCode: string | null;
                attribution: {
                  confidence: number;
                  flags: Array<string>;
                  level: 'high' | 'medium' | 'low';
                };
                counts: {
                  links: number;
                  observations: number;
                  tipPersons: number;
                };
                firstSeen: string | null;
                ips: Array<string>;
                isAssessment: true;
                isps: Array<string>;
                lastSeen: string | null;
                maxScore: number;
                municipalities: Array<string>;
                rank: number;
                ruleSetVersion: number;
                score: number;
                subjectKey: string;
                topReasons: Array<{
                  points: number;
                  reason: string;
                  ruleId: string;
                }>;
                zeroScoreCause:
                  | 'no_files'
                  | 'only_benign_files'
                  | 'only_unmatched_files'
                  | 'only_non_lead_categories'
                  | 'no_lead_material'
                  | 'no_rule_matched'
                  | null;
              }>;
              limit: number;
              offset: number;
              ruleSetVersion: number;
              total: number;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/referrals': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              caseReference: string;
              caseTitle: string;
              createdAt: string;
              decidedAt: string | null;
              decisionEffectiveAt: string | null;
              decisionReason: string | null;
              direction: 'outgoing' | 'incoming';
              effectiveAt: string;
              fieldScope: Array<
                | 'summary'
                | 'subjects'
                | 'workflow'
                | 'authorities'
                | 'identities'
                | 'evidence'
                | 'warrants'
                | 'outcomes'
                | 'tasks'
                | 'notes'
              >;
              fromOrganisation: string;
              id: string;
              packageSha256: string | null;
              reason: string;
              receivedCaseId: string | null;
              status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
              toOrganisation: string;
            }>;
          };
        };
      };
    };
  };
  '/api/referrals/{id}/accept': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            effectiveAt?: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              cybertipReportId: string | null;
              disposition:
                | 'charged'
                | 'referred'
                | 'no_offence'
                | 'insufficient_evidence'
                | 'diverted_to_counselling'
                | null;
              id: string;
              investigatorId: string | null;
              isReadOnly: boolean;
              receivedAt: string;
              reference: string;
              sourceKind: 'subjects' | 'cybertip' | 'referral';
              state:
                | 'lead'
                | 'assessed'
                | 'legal_process_requested'
                | 'subscriber_identified'
                | 'warrant_sought'
                | 'warrant_executed'
                | 'charged'
                | 'closed'
                | 'referred_out';
              subjectKeys: Array<string>;
              supervisorId: string | null;
              title: string;
              updatedAt: string;
            };
          };
        };
      };
    };
  };
  '/api/referrals/{id}/decline': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            effectiveAt?: string;
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              caseReference: string;
              caseTitle: string;
              createdAt: string;
              decidedAt: string | null;
              decisionEffectiveAt: string | null;
              decisionReason: string | null;
              direction: 'outgoing' | 'incoming';
              effectiveAt: string;
              fieldScope: Array<
                | 'summary'
                | 'subjects'
                | 'workflow'
                | 'authorities'
                | 'identities'
                | 'evidence'
                | 'warrants'
                | 'outcomes'
                | 'tasks'
                | 'notes'
              >;
              fromOrganisation: string;
              id: string;
              packageSha256: string | null;
              reason: string;
              receivedCaseId: string | null;
              status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
              toOrganisation: string;
            };
          };
        };
      };
    };
  };
  '/api/referrals/{id}/package': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              fieldScope: Array<
                | 'summary'
                | 'subjects'
                | 'workflow'
                | 'authorities'
                | 'identities'
                | 'evidence'
                | 'warrants'
                | 'outcomes'
                | 'tasks'
                | 'notes'
              >;
              frozenAt: string;
              package: {
                [key: string]: unknown;
              };
              referralId: string;
              sentAt: string;
              sha256: string;
              status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
            };
          };
        };
      };
    };
  };
  '/api/referrals/{id}/package/pdf': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/pdf': string;
          };
        };
      };
    };
  };
  '/api/referrals/{id}/withdraw': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            effectiveAt?: string;
            reason: string;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              caseReference: string;
              caseTitle: string;
              createdAt: string;
              decidedAt: string | null;
              decisionEffectiveAt: string | null;
              decisionReason: string | null;
              direction: 'outgoing' | 'incoming';
              effectiveAt: string;
              fieldScope: Array<
                | 'summary'
                | 'subjects'
                | 'workflow'
                | 'authorities'
                | 'identities'
                | 'evidence'
                | 'warrants'
                | 'outcomes'
                | 'tasks'
                | 'notes'
              >;
              fromOrganisation: string;
              id: string;
              packageSha256: string | null;
              reason: string;
              receivedCaseId: string | null;
              status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
              toOrganisation: string;
            };
          };
        };
      };
    };
  };
  '/api/reports/unit': {
    get: {
      parameters: {
        query: {
          from: string;
          to: string;
          agency?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              agency: {
                code: string;
                name: string;
              };
              arrests: number;
              casesReferredIn: number;
              casesReferredOut: number;
              charges: {
                byOffence: Array<{
                  code: string;
                  count: number;
                  label: string;
                  section: string;
                }>;
                total: number;
              };
              childrenSafeguarded: number;
              closedByDisposition: {
                [key: string]: number;
              };
              from: string;
              investigationsOpen: number;
              leadsReceived: number;
              legalProcessRequests: number;
              medianDaysLeadToWarrant: number | null;
              referralsToCounselling: number;
              subjectsPrioritised: number;
              to: string;
              victimsIdentified: number;
              warrantsExecuted: number;
            };
          };
        };
      };
    };
  };
  '/api/rule-sets': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              createdAt: string;
              createdBy: string;
              isCurrent: boolean;
              maxScore: number;
              name: string;
              note: string;
              ruleCount: number;
              version: number;
            }>;
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            definition: {
              attribution: {
                accountOnly: number;
                cgnatWithoutPort: number;
                flagFactors: {
                  anonymous_vpn: number;
                  cgnat: number;
                  hosting: number;
                  private: number;
                  special: number;
                  tor: number;
                };
                possibleProxy: number;
                unassignedJurisdiction: number;
              };
              name: string;
              rules: Array<{
                description: string;
                factor:
                  | {
                      evidenceKinds: Array<
                        'query_hit' | 'browse_host' | 'swarm_announce' | 'download_verified'
                      >;
                      minKnownFiles: number;
                      saturation: number;
                      type: 'unmatched_beside_known';
                    }
                  | {
                      evidenceKinds: Array<
                        'query_hit' | 'browse_host' | 'swarm_announce' | 'download_verified'
                      >;
                      fullShare: number;
                      maxSharingSubjects: number;
                      minFiles: number;
                      minKnownFiles: number;
                      type: 'sole_source_unmatched';
                    }
                  | {
                      floorShare: number;
                      fullShare: number;
                      minKnownFiles: number;
                      topSeries: number;
                      type: 'series_concentration';
                    }
                  | {
                      type: 'victim_identified';
                    }
                  | {
                      series: Array<string>;
                      type: 'series_listed';
                    }
                  | {
                      severities: Array<{
                        code: string;
                        scheme: string;
                        severity: number;
                      }>;
                      type: 'category_severity';
                    }
                  | {
                      evidenceKinds: Array<
                        'query_hit' | 'browse_host' | 'swarm_announce' | 'download_verified'
                      >;
                      saturation: number;
                      type: 'known_files_by_evidence_kind';
                    }
                  | {
                      saturation: number;
                      type: 'distinct_known_files';
                    }
                  | {
                      saturation: number;
                      type: 'distinct_series';
                    }
                  | {
                      saturation: number;
                      type: 'distinct_days_active';
                    }
                  | {
                      halfLifeDays: number;
                      type: 'recency';
                    }
                  | {
                      incidentTypes: Array<string>;
                      type: 'tip_incident_type';
                    }
                  | {
                      annotations: Array<string>;
                      scope: 'report' | 'file' | 'any';
                      type: 'tip_annotation';
                    }
                  | {
                      type: 'registry_match';
                    };
                id: string;
                weight: number;
              }>;
              version?: number;
            };
            note: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              createdAt: string;
              createdBy: string;
              definition: {
                [key: string]: unknown;
              };
              isCurrent: boolean;
              maxScore: number;
              name: string;
              note: string;
              rescoreJobId: string;
              ruleCount: number;
              version: number;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/rule-sets/{version}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          version: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              createdAt: string;
              createdBy: string;
              definition: {
                [key: string]: unknown;
              };
              isCurrent: boolean;
              maxScore: number;
              name: string;
              note: string;
              ruleCount: number;
              version: number;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/shares': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              access: 'view' | 'edit';
              expiresAt: string | null;
              fieldScope: Array<string>;
              id: string;
              legalBasis: string;
              objectId: string | null;
              objectType: string;
              ownerOrganisationId: string;
              recipientOrganisationId: string;
              revokedAt: string | null;
            }>;
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            access?: 'view' | 'edit';
            expiresAt?: string | null;
            fieldScope?: Array<string>;
            legalBasis: string;
            objectId: string | null;
            objectType: string;
            recipientOrganisationId: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              access: 'view' | 'edit';
              expiresAt: string | null;
              fieldScope: Array<string>;
              id: string;
              legalBasis: string;
              objectId: string | null;
              objectType: string;
              ownerOrganisationId: string;
              recipientOrganisationId: string;
              revokedAt: string | null;
            };
          };
        };
      };
    };
  };
  '/api/shares/{id}': {
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/subjects/merge': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
            subjects: Array<string>;
          };
        };
      };
      responses: {
        202: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              decision: {
                decidedAt: string;
                decidedBy: string;
                id: string;
                kind: 'merge' | 'split';
                reason: string;
                refs: Array<string>;
                sideA: Array<string>;
                sideB: Array<string>;
                subjectKeys: Array<string>;
              };
              rescoreJobId: string;
              resultingSubjects?: Array<string>;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/subjects/rescore': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        202: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              isDuplicate: boolean;
              jobId: string;
            };
          };
        };
      };
    };
  };
  '/api/subjects/{id}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              agencyCode: string | null;
              counts: {
                links: number;
                observations: number;
                tipPersons: number;
              };
              decisions: Array<{
                decidedAt: string;
                decidedBy: string;
                id: string;
                kind: 'merge' | 'split';
                reason: string;
                subjectKeys: Array<string>;
              }>;
              firstSeen: string | null;
              isAssessment: true;
              lastSeen: string | null;
              links: Array<{
                confidence: {
                  level: 'high' | 'medium' | 'low';
                  value: number;
                };
                evidenceIds: Array<string>;
                identifier: string | null;
                nodes: [string, string];
                rule: string;
              }>;
              olderScores: Array<{
                ruleSetVersion: number;
                score: number;
                scoredAt: string;
              }>;
              score: {
                asOf: string;
                attribution: {
                  confidence: number;
                  flags: Array<string>;
                  level: 'high' | 'medium' | 'low';
                  reasons: Array<string>;
                };
                maxScore: number;
                reasons: Array<{
                  evidenceIds: Array<string>;
                  points: number;
                  reason: string;
                  ruleId: string;
                  weight: number;
                }>;
                ruleSetVersion: number;
                score: number;
                scoredAt: string;
              } | null;
              subjectKey: string;
              timeline: Array<{
                agencyCode: string | null;
                clientId: string | null;
                evidenceKind: string;
                fileName: string | null;
                hash: string;
                hashType: string;
                ip: string;
                ipFlags: Array<string>;
                isp: string | null;
                municipality: string | null;
                network: string;
                observationId: string;
                observedAt: string;
                port: number;
              }>;
              tipPersons: Array<string>;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/subjects/{id}/split': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            clientIds?: Array<string>;
            ips?: Array<string>;
            members?: Array<string>;
            reason: string;
          };
        };
      };
      responses: {
        202: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              decision: {
                decidedAt: string;
                decidedBy: string;
                id: string;
                kind: 'merge' | 'split';
                reason: string;
                refs: Array<string>;
                sideA: Array<string>;
                sideB: Array<string>;
                subjectKeys: Array<string>;
              };
              rescoreJobId: string;
              resultingSubjects?: Array<string>;
            };
          };
        };
        400: {
          headers: { [name: string]: unknown };
          content?: never;
        };
        404: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/tasks/{id}/done': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
  '/api/tokens/{id}': {
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        204: {
          headers: { [name: string]: unknown };
          content?: never;
        };
      };
    };
  };
  '/api/users': {
    get: {
      parameters: {
        query?: {
          organisationId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              isTotpEnrolled: boolean;
              lastLoginAt: string | null;
              mustChangePassword: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              status: 'active' | 'disabled';
              username: string;
            }>;
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            displayName: string;
            organisationId: string;
            password: string;
            roles: Array<
              | 'analyst'
              | 'investigator'
              | 'supervisor'
              | 'agency_admin'
              | 'coordinator'
              | 'auditor'
              | 'partner_caseworker'
              | 'system_admin'
            >;
            username: string;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              totpSecret: string;
              totpUri: string;
              user: {
                allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
                createdAt: string;
                displayName: string;
                id: string;
                isDemo: boolean;
                isLocked: boolean;
                isTotpEnrolled: boolean;
                lastLoginAt: string | null;
                mustChangePassword: boolean;
                organisationId: string;
                roles: Array<
                  | 'analyst'
                  | 'investigator'
                  | 'supervisor'
                  | 'agency_admin'
                  | 'coordinator'
                  | 'auditor'
                  | 'partner_caseworker'
                  | 'system_admin'
                >;
                status: 'active' | 'disabled';
                username: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/users/{id}': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              isTotpEnrolled: boolean;
              lastLoginAt: string | null;
              mustChangePassword: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              status: 'active' | 'disabled';
              username: string;
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/disable': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              isTotpEnrolled: boolean;
              lastLoginAt: string | null;
              mustChangePassword: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              status: 'active' | 'disabled';
              username: string;
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/mfa-reset': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              temporaryPassword: string;
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/password-reset': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              temporaryPassword: string;
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/roles': {
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            roles: Array<
              | 'analyst'
              | 'investigator'
              | 'supervisor'
              | 'agency_admin'
              | 'coordinator'
              | 'auditor'
              | 'partner_caseworker'
              | 'system_admin'
            >;
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              isTotpEnrolled: boolean;
              lastLoginAt: string | null;
              mustChangePassword: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              status: 'active' | 'disabled';
              username: string;
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/tokens': {
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': Array<{
              expiresAt: string;
              id: string;
              lastUsedAt: string | null;
              name: string;
              revokedAt: string | null;
              scopes: Array<string>;
              userId: string;
            }>;
          };
        };
      };
    };
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            expiresInDays: number;
            name: string;
            scopes: Array<
              | 'analyst'
              | 'investigator'
              | 'supervisor'
              | 'agency_admin'
              | 'coordinator'
              | 'auditor'
              | 'partner_caseworker'
              | 'system_admin'
            >;
          };
        };
      };
      responses: {
        201: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              token: string;
              view: {
                expiresAt: string;
                id: string;
                lastUsedAt: string | null;
                name: string;
                revokedAt: string | null;
                scopes: Array<string>;
                userId: string;
              };
            };
          };
        };
      };
    };
  };
  '/api/users/{id}/unlock': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              allowedActions: Array<'roles' | 'disable' | 'unlock' | 'reset' | 'tokens'>;
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              isTotpEnrolled: boolean;
              lastLoginAt: string | null;
              mustChangePassword: boolean;
              organisationId: string;
              roles: Array<
                | 'analyst'
                | 'investigator'
                | 'supervisor'
                | 'agency_admin'
                | 'coordinator'
                | 'auditor'
                | 'partner_caseworker'
                | 'system_admin'
              >;
              status: 'active' | 'disabled';
              username: string;
            };
          };
        };
      };
    };
  };
  '/api/warrants/{id}/execution': {
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            executedAt?: string;
            issuedAt: string;
            result: 'evidence_seized' | 'nothing_found' | 'not_executed' | 'other';
          };
        };
      };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              id: string;
            };
          };
        };
      };
    };
  };
}
export interface components {
  schemas: {
    CategoryPolicy: {
      lines: Array<{
        code: string;
        decision: 'lead' | 'not_lead';
        label: string;
        scheme: string;
        schemeName: string;
        text: string;
      }>;
      otherwise: 'lead' | 'not_lead';
    };
    HashMatchResult: {
      benign: Array<{
        categoryCode: string | null;
        categoryLabel: string | null;
        categoryScheme: string | null;
        distance?: number;
        hashSetId: string;
        hashSetName: string;
        hashSetVersion: number;
        hashType: string;
        isDistributed: boolean | null;
        isLead: boolean;
        kind: 'known' | 'benign';
        matchedHash?: string;
        series: string | null;
        victimIdentified: boolean | null;
      }>;
      input: string;
      isAlsoBenign: boolean;
      matches: Array<{
        categoryCode: string | null;
        categoryLabel: string | null;
        categoryScheme: string | null;
        distance?: number;
        hashSetId: string;
        hashSetName: string;
        hashSetVersion: number;
        hashType: string;
        isDistributed: boolean | null;
        isLead: boolean;
        kind: 'known' | 'benign';
        matchedHash?: string;
        series: string | null;
        victimIdentified: boolean | null;
      }>;
      primary: {
        categoryCode: string | null;
        categoryLabel: string | null;
        categoryScheme: string | null;
        distance?: number;
        hashSetId: string;
        hashSetName: string;
        hashSetVersion: number;
        hashType: string;
        isDistributed: boolean | null;
        isLead: boolean;
        kind: 'known' | 'benign';
        matchedHash?: string;
        series: string | null;
        victimIdentified: boolean | null;
      } | null;
      reason?: string;
      status: 'known' | 'benign' | 'none' | 'empty_file' | 'invalid';
    };
    HashSet: {
      activatedAt: string | null;
      activeVersion: number | null;
      entryCount: number;
      format: string | null;
      id: string;
      kind: 'known' | 'benign';
      name: string;
      sourceFileName: string | null;
    };
    HashSetImportSummary: {
      duplicates: number;
      emptyFileHashes: number;
      errors: Array<{
        field: string;
        position: string;
        reason: string;
      }>;
      format: string;
      hashSetId: string;
      imported: number;
      isChanged: boolean;
      isErrorListTruncated: boolean;
      kind: 'known' | 'benign';
      name: string;
      rejected: number;
      removed: number;
      skipped: number;
      updated: number;
      version: number;
    };
    Health: {
      checks: {
        audit: 'ok' | 'stuck' | 'unknown';
        database: 'ok' | 'unreachable';
        jobs: 'ok' | 'stuck' | 'unknown';
        migrations: 'current' | 'pending' | 'unknown';
        worker: 'ok' | 'stuck' | 'absent';
      };
      engine: 'pglite' | 'pg';
      migrations: {
        applied: number;
        pending: number;
      };
      problems: Array<string>;
      status: 'ok' | 'degraded';
      version: string;
    };
    ImportView: {
      accepted: number;
      duplicates: number;
      fileName: string;
      finishedAt: string | null;
      format: 'p2p-csv' | 'p2p-jsonl' | 'cybertip';
      id: string;
      matched: number;
      quarantined: number;
      startedAt: string;
      status: 'running' | 'done' | 'failed';
      uploadedBy: string | null;
    };
  };
}

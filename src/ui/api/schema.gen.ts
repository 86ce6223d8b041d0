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
  '/api/intake/imports': {
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
              reason: string;
              resolvedAt: string | null;
            }>;
          };
        };
      };
    };
  };
  '/api/intake/quarantine/export': {
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
            'text/csv': string;
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
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              lastLoginAt: string | null;
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
                createdAt: string;
                displayName: string;
                id: string;
                isDemo: boolean;
                isLocked: boolean;
                lastLoginAt: string | null;
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
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              lastLoginAt: string | null;
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
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              lastLoginAt: string | null;
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
              temporaryPassword?: string;
              totpSecret?: string;
              totpUri?: string;
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
              temporaryPassword?: string;
              totpSecret?: string;
              totpUri?: string;
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
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              lastLoginAt: string | null;
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
              createdAt: string;
              displayName: string;
              id: string;
              isDemo: boolean;
              isLocked: boolean;
              lastLoginAt: string | null;
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
}
export interface components {
  schemas: {
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
        database: 'ok' | 'unreachable';
        migrations: 'current' | 'pending' | 'unknown';
      };
      engine: 'pglite' | 'pg';
      migrations: {
        applied: number;
        pending: number;
      };
      status: 'ok' | 'degraded';
      version: string;
    };
  };
}

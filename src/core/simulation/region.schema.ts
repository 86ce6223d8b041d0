import { z } from 'zod';

const Ipv4Cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, 'IPv4 CIDR expected');
const Ipv6Prefix = z.string().regex(/^[0-9a-f:]+::\/48$/, 'IPv6 /48 prefix expected');

/** One address block of one ISP that DB-IP places in a municipality. */
export const RegionBlockSchema = z.strictObject({
  cidr: Ipv4Cidr,
  asn: z.number().int().positive(),
  isp: z.string().min(1),
});

/** One municipality of a region: population weight, police service and its ISP blocks. */
export const MunicipalitySchema = z.strictObject({
  name: z.string().min(1),
  population: z.number().int().positive(),
  police: z.string().min(1),
  lat: z.number(),
  lon: z.number(),
  blocks: z.array(RegionBlockSchema).min(1),
  ipv6: z.array(z.strictObject({ prefix: Ipv6Prefix, asn: z.number().int(), isp: z.string() })),
});

/** A simulation region file (src/core/simulation/regions/*.json): the only geography the generator knows. */
export const RegionSchema = z.strictObject({
  name: z.string().min(1),
  countryCode: z.string().length(2),
  regionName: z.string().min(1),
  attribution: z.string().min(1),
  generatedFrom: z.string().min(1),
  municipalities: z.array(MunicipalitySchema).min(1),
  /** Non-regional hosting blocks (European hosting ASNs) that synthetic Tor exits are drawn from. */
  hosting: z
    .array(
      z.strictObject({
        cidr: Ipv4Cidr,
        asn: z.number().int(),
        isp: z.string(),
        country: z.string(),
      }),
    )
    .min(1),
});

export type Region = z.infer<typeof RegionSchema>;
export type Municipality = z.infer<typeof MunicipalitySchema>;

import type { RealCase } from '../real-case';
import { certificateAndKeyCases } from './certificate-and-key';
import { tlsAndSecurityCases } from './tls-and-security';
import { credsspCases } from './credssp';
import { servicesAndListenerCases } from './services-and-listener';
import { floodAndWrapperCases } from './flood-and-wrapper';
import { clientSideCases } from './client-side';
import { notWindowsCases } from './not-windows';
import { errorCodeCases } from './error-codes';
import { caCertificateCases } from './ca-certificates';
import { hardenedAuthCases } from './hardened-auth';

/** Every real case, by theme. */
export const realCases: RealCase[] = [
  ...certificateAndKeyCases,
  ...caCertificateCases,
  ...tlsAndSecurityCases,
  ...credsspCases,
  ...servicesAndListenerCases,
  ...floodAndWrapperCases,
  ...clientSideCases,
  ...notWindowsCases,
  ...errorCodeCases,
  ...hardenedAuthCases,
];

import { defineCheck } from '../define-check';
import { serverTlsVersions } from './catalog';
import { serverTlsVersionsDiagnosis } from './diagnosis';

export default defineCheck(serverTlsVersions, serverTlsVersionsDiagnosis);

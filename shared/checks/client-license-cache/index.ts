import { defineCheck } from '../define-check';
import { clientLicenseCache } from './catalog';
import { clientLicenseCacheDiagnosis } from './diagnosis';

export default defineCheck(clientLicenseCache, clientLicenseCacheDiagnosis);

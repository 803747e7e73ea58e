import { defineCheck } from '../define-check';
import { clientPinnedCertificate } from './catalog';
import { clientPinnedCertificateDiagnosis } from './diagnosis';

export default defineCheck(clientPinnedCertificate, clientPinnedCertificateDiagnosis);

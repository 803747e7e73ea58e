import { defineCheck } from '../define-check';
import { serverCertificate } from './catalog';
import { serverCertificateDiagnosis } from './diagnosis';

export default defineCheck(serverCertificate, serverCertificateDiagnosis);

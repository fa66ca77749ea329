import { Logger } from '@aws-lambda-powertools/logger';

/** The structured JSON logger every handler shares (service name and level come from the environment). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'modelplane' });

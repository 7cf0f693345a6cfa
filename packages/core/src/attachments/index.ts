export * from './sniff-content-type';
export * from './extract-attachment-text';
export * from './email-content';

// Review: comments, timecode maths and comment exports; what the service and the viewer use.
export { AnnotationError, MAX_ANNOTATION_LENGTH, parseAnnotation, serializeAnnotation, type ArrowShape, type PenShape, type RectShape, type Shape } from './annotation.ts';
export { CommentService, toExportComment, toReviewComment, type ApiComment, type CommentAuthor, type CommentEdit, type NewComment, type ReviewComment } from './comments.ts';
export { EXPORT_FORMATS, isExportFormat, renderExport, UnsuitableExport, type ExportComment, type ExportFile, type ExportFormat, type ExportReply, type ReviewExport } from './exports/index.ts';
export { isDocument } from './document.ts';
export { CommentFollower, type FollowEvent, type FollowOptions } from './follow.ts';
export { probeFrameRate } from './frame-rate-probe.ts';
export * from './timecode.ts';

// Which files are documents to Frame.io: comments on them sit on a page, never at a timestamp.
// PDF is the one kind Frame.io pages through (CreateCommentParams: page "only allowed when file
// type is a pdf document").
export const isDocument = (mediaType: string | null | undefined): boolean => mediaType === 'application/pdf';

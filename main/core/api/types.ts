// The Frame.io V4 resources Slate reads, in the API's own field names (see test/contract/openapi.json).

export interface Profile {
  id: string;
  name: string;
  email: string;
  avatar_url: string | null;
}

export interface Account {
  id: string;
  display_name: string;
  roles?: Array<'admin' | 'member' | 'owner'>;
  image?: string | null;
  storage_limit?: number | null;
  storage_usage?: number | null;
  created_at?: string;
  updated_at?: string;
}

export interface ListPage<T> {
  data: T[];
  links: { next: string | null };
  total_count?: number | null;
}

export interface ErrorBody {
  errors?: Array<{ detail?: string; title?: string; source?: { pointer?: string } }>;
}

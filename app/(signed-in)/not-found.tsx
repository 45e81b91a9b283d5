import { NotFoundMessage } from '@/components/layout/NotFoundMessage';

/** `notFound()` from a signed-in page (e.g. a deleted work order), inside the shell. */
export default function SignedInNotFound() {
  return <NotFoundMessage />;
}

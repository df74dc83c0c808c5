// The pages look elements up by id and know what each is (an <input>, a <select>, a <form>); rather than cast
// at every use, the check treats any element as a form control. What this check is for is the API's shapes
// (src/api/types.ts), not the DOM's.
interface Element {
  dataset: DOMStringMap;
  hidden: boolean;
  disabled: boolean;
  value: any;
  name: string;
  type: string;
  files: FileList | null;
  focus(options?: FocusOptions): void;
}

import { createHash, type Hash } from 'node:crypto';

/** Where an export writes one file's text, chunk by chunk (a file stream, an HTTP response, a string buffer). */
export interface TextSink {
  write(chunk: string): void | Promise<void>;
}

/** One exported file as the manifest lists it. */
export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** Wraps a sink so that the SHA-256 and size of everything written through it are known at the end. */
export class ChecksumSink implements TextSink {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(
    readonly name: string,
    private readonly inner: TextSink,
  ) {}

  write(chunk: string): void | Promise<void> {
    const buffer = Buffer.from(chunk, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.length;
    return this.inner.write(chunk);
  }

  /** The manifest entry; call once, after the last write. */
  finish(): ManifestFile {
    return { name: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** A sink collecting text in memory, for small exports and tests. */
export class StringSink implements TextSink {
  private readonly chunks: string[] = [];

  write(chunk: string): void {
    this.chunks.push(chunk);
  }

  toString(): string {
    return this.chunks.join('');
  }
}

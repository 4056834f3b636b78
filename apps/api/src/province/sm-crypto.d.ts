/** The part of sm-crypto (SM2 signatures) the province push uses; the package ships no types. */
declare module 'sm-crypto' {
  interface SignatureOptions {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(message: string, privateKey: string, options?: SignatureOptions): string;
    doVerifySignature(
      message: string,
      signature: string,
      publicKey: string,
      options?: SignatureOptions,
    ): boolean;
  };
}

import { Spin } from "antd";
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/**
 * The otpauth:// URI drawn as a QR code into a data: image (the page's CSP allows data:
 * images and nothing is fetched from elsewhere), with alt text saying what it is for.
 */
export function QrImage({ text, alt }: { text: string; alt: string }) {
  const [source, setSource] = useState<{ text: string; url: string } | null>(null);

  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(text, { margin: 2, width: 200, errorCorrectionLevel: "M" }).then(
      (url) => {
        if (current) setSource({ text, url });
      },
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (source?.text !== text) return <Spin />;
  return (
    <img
      src={source.url}
      alt={alt}
      width={200}
      height={200}
      data-testid="two-factor-qr"
      style={{ border: "1px solid #d9d9d9", borderRadius: 4 }}
    />
  );
}

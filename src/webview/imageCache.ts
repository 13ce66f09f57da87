// The image bytes the host has handed over, by id, as `data:` URLs. Every image the view
// shows (composer thumbnails, attachments in questions, fetched images in answers) is an
// `<img data-image-id>` that gets its `src` from here, whenever the bytes arrive; nothing in
// the view ever points an image at a remote URL (the CSP would refuse it anyway).

/** Only raster images, base64: exactly what the host produces from bytes it has checked. */
const acceptedDataUrl = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i;

export function isImageDataUrl(value: string): boolean {
  return acceptedDataUrl.test(value);
}

export class ImageCache {
  private readonly urls = new Map<string, string>();

  /** Stores what arrived and fills every image in `root` waiting for it. */
  add(images: readonly { id: string; dataUrl: string }[], root: ParentNode = document): void {
    for (const { id, dataUrl } of images) {
      if (!acceptedDataUrl.test(dataUrl)) continue;
      this.urls.set(id, dataUrl);
    }
    this.fill(root);
  }

  get(id: string): string | undefined {
    return this.urls.get(id);
  }

  /** Sets `src` on images under `root` whose bytes are known and not yet shown. */
  fill(root: ParentNode): void {
    for (const image of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-image-id]'))) {
      const url = this.urls.get(image.getAttribute('data-image-id') ?? '');
      if (url && image.getAttribute('src') !== url) image.setAttribute('src', url);
    }
  }

  clear(): void {
    this.urls.clear();
  }
}

/** The view's one cache: the host sends each image's bytes once per view. */
export const imageCache = new ImageCache();

/** An `<img>` for image `id`, filled now if its bytes are here, else when they arrive. */
export function cachedImage(id: string, alt: string, className: string): HTMLImageElement {
  const image = document.createElement('img');
  image.className = className;
  image.alt = alt;
  image.setAttribute('data-image-id', id);
  const url = imageCache.get(id);
  if (url) image.setAttribute('src', url);
  return image;
}

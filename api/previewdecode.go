package api

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// previewFormat is one image format a preview may be in.
type previewFormat struct {
	name         string
	magic        func([]byte) bool
	decodeConfig func(io.Reader) (image.Config, error)
	decode       func(io.Reader) (image.Image, error)
}

// previewFormats are the only formats decoded. They are chosen by their
// magic bytes, not through image.Decode's registry, so that a format some
// other package registers (BMP, TIFF: no size limit, large attack
// surface) is never reached with a stranger's bytes.
var previewFormats = []previewFormat{
	{"PNG", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }, png.DecodeConfig, png.Decode},
	{"JPEG", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\xff\xd8\xff")) }, jpeg.DecodeConfig, jpeg.Decode},
	{"GIF", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	}, gif.DecodeConfig, gif.Decode}, // the first frame only
	{"WebP", func(b []byte) bool {
		return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"
	}, webp.DecodeConfig, webp.Decode},
}

// decodePreview decodes a thumbnail body after checking its format and
// the size it claims.
func decodePreview(body []byte) (image.Image, error) {
	var f *previewFormat
	for i := range previewFormats {
		if previewFormats[i].magic(body) {
			f = &previewFormats[i]
			break
		}
	}
	if f == nil {
		return nil, previewErr(nil, "not a PNG, JPEG, GIF or WebP image")
	}
	cfg, err := f.decodeConfig(bytes.NewReader(body))
	if err != nil {
		return nil, previewErr(err, "broken %s header", f.name)
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch {
	case w <= 0 || h <= 0:
		return nil, previewErr(nil, "%s image of %dx%d pixels", f.name, w, h)
	case w > PreviewMaxSide || h > PreviewMaxSide || w*h > PreviewMaxPixels:
		return nil, previewErr(nil, "%s image of %dx%d pixels is over the %dx%d limit",
			f.name, w, h, PreviewMaxSide, PreviewMaxSide)
	}
	img, err := f.decode(bytes.NewReader(body))
	if err != nil {
		return nil, previewErr(err, "broken %s image", f.name)
	}
	return img, nil
}

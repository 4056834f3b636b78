import { Image, View } from '@tarojs/components';
import { IS_H5 } from '../../constants';
import { svgDataUri } from '../../utils/charts';
import { imageA11y } from '../../utils/a11y';

/**
 * A chart drawn by utils/charts: an inline <svg> on H5 (its role="img" and aria-label name it),
 * the same drawing as an image on weapp.
 */
export default function SvgChart(props: { svg: string; label: string; testId: string }) {
  if (IS_H5) {
    return (
      <View
        className="svg-chart"
        data-testid={props.testId}
        dangerouslySetInnerHTML={{ __html: props.svg }}
      />
    );
  }
  return (
    <Image
      className="svg-chart"
      data-testid={props.testId}
      mode="widthFix"
      src={svgDataUri(props.svg)}
      {...imageA11y(props.label)}
    />
  );
}

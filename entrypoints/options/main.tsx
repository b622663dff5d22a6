import './style.css';
import '../../components/ui/switch.css';
import { bootExtensionPage } from '../../components/ui/boot';

bootExtensionPage(() => import('./app'));
